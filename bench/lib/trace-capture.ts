/**
 * Records a Chromium trace (all processes: page, engine worker, service
 * worker) around one start-up of the app, as the first-frame and offline
 * scenarios drive it: fresh tab at /add?uri=<magnet>, or an offline reload of
 * /t/<infoHash>, Play clicked the moment it shows, until the first frame.
 */
import type { Browser, Page } from '@playwright/test';
import { appIsCached } from '../../tests/support/app-cached.ts';
import { createTestVideo } from '../../tests/fixtures/media.ts';
import { seedInApp } from './app.ts';
import { newContext } from './browser.ts';
import { clearServiceWorkerMarks, readLongTasks, readMilestones, type Milestones } from './milestones.ts';
import type { AppServer } from './server.ts';
import { BENCH_CLIP, forgetMarks, installPlaybackProbes, readMark, waitForMark } from './video.ts';

/** 'offline' reloads the file's link (?play=0); 'offline-page' opens the torrent's page, Play clicked. */
export type Flow = 'first-frame' | 'offline' | 'offline-page';

/** DevTools' own set, less 'v8' and 'toplevel' (an event per call and per mojo message: they slow the page). */
export const TRACE_CATEGORIES = [
  '-*',
  'v8.execute',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  // V8's sampling profiler, for the functions behind each task. Starting it costs each thread
  // 70-320 ms of wall time (V8.InvokeApiInterruptCallbacks) on 2 busy cores, inside its first
  // task: BENCH_TRACE_NO_PROFILER=1 leaves it out, for task times as they are without it.
  ...(process.env.BENCH_TRACE_NO_PROFILER === '1' ? [] : ['disabled-by-default-v8.cpu_profiler']),
  'blink.user_timing',
  'loading',
  // BENCH_TRACE_EXTRA=media,... adds categories for a one-off look.
  ...(process.env.BENCH_TRACE_EXTRA?.split(',') ?? []),
];

export interface Captured {
  trace: Buffer;
  /** The navigation traced: the app's URL path ('/add' or '/t/<ih>'). */
  pathPrefix: string;
  /** What the page itself measured, to compare with the trace's clock. */
  milestones: Milestones;
  longTasks: [number, number][];
}

const FRAME_TIMEOUT_MS = 60_000;
/** After the frame: lets the last tasks and profile chunks reach the trace (BENCH_TRACE_SETTLE_MS: to see what follows it). */
const SETTLE_MS = Number(process.env.BENCH_TRACE_SETTLE_MS ?? 500);

async function tracedUntilFrame(browser: Browser, page: Page, navigate: () => Promise<unknown>) {
  await browser.startTracing(page, { categories: TRACE_CATEGORIES, screenshots: false });
  let trace: Buffer;
  try {
    await navigate();
    await waitForMark(page, 'frame', FRAME_TIMEOUT_MS);
    await page.waitForTimeout(SETTLE_MS);
  } finally {
    trace = await browser.stopTracing();
  }
  const milestones = await readMilestones(page);
  const origin = await page.evaluate(() => performance.timeOrigin);
  for (const name of ['click', 'frame']) {
    const at = await readMark(page, name);
    if (at !== null) milestones[`video:${name}`] = at - origin;
  }
  return { trace, milestones, longTasks: await readLongTasks(page) };
}

/** One traced run of `flow`; `log` narrates the set-up. */
export async function captureFlow(browser: Browser, app: AppServer, flow: Flow, log: (l: string) => void): Promise<Captured> {
  const media = await createTestVideo(BENCH_CLIP);
  log(`seeding ${media.fileName} from an app tab…`);
  // In memory: tracing takes a context of `browser`; the bench itself stores on disk.
  const seeder = await seedInApp(browser, app, media.path, 'memory');
  try {
    if (flow === 'first-frame') {
      const context = await newContext(browser);
      try {
        await installPlaybackProbes(context);
        const page = await context.newPage();
        const url = `${app.url}/add?uri=${encodeURIComponent(seeder.magnetURI)}`;
        log('tracing a fresh tab at /add?uri=… until its first frame');
        const out = await tracedUntilFrame(browser, page, () => page.goto(url, { waitUntil: 'commit' }));
        return { ...out, pathPrefix: '/add' };
      } finally {
        await context.close();
      }
    }
    const { context, page } = seeder;
    await page.waitForFunction(() => Boolean(navigator.serviceWorker?.controller), null, { timeout: 30_000 });
    await page.waitForFunction(appIsCached, null, { timeout: 30_000, polling: 250 });
    await installPlaybackProbes(context);
    await context.setOffline(true);
    const pageUrl = `${new URL(page.url()).origin}/t/${seeder.infoHash}`;
    const reload = async () => {
      await page.evaluate(() => {
        for (const key of Object.keys(sessionStorage)) if (key.startsWith('bench:video:')) sessionStorage.removeItem(key);
      });
      forgetMarks(page);
      await clearServiceWorkerMarks(context);
      if (flow === 'offline-page') await page.goto(pageUrl, { waitUntil: 'commit' });
      else await page.reload({ waitUntil: 'commit' });
    };
    // The bench's median of 3 is a reload after an earlier one: warm up once, untraced.
    log('offline: one untraced reload, then a traced one');
    await reload();
    await waitForMark(page, 'frame', FRAME_TIMEOUT_MS);
    const out = await tracedUntilFrame(browser, page, reload);
    return { ...out, pathPrefix: `/t/${seeder.infoHash}` };
  } finally {
    await seeder.context.close();
  }
}

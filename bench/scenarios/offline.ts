/**
 * Offline playback: a tab stores a faststart MP4 (it seeds it with "Share
 * your own files"), its context goes offline, and the tab opens the
 * torrent's page and presses Play, then opens the file's own link
 * (/t/<infoHash>?play=0), which plays without a click; each timed to the
 * first video frame. Then Chromium starts again on that profile, offline,
 * straight to the file's link, as a user opening the installed app does.
 */
import { rm } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { appIsCached } from '../../tests/support/app-cached.ts';
import { createTestVideo } from '../../tests/fixtures/media.ts';
import { describeAppPage, seedInApp } from '../lib/app.ts';
import { keepProfile, reopenProfile } from '../lib/browser.ts';
import type { AppServer } from '../lib/server.ts';
import { metric } from '../lib/metric.ts';
import {
  clearServiceWorkerMarks,
  medianMilestones,
  readLongTasks,
  readMilestones,
  type Milestones,
} from '../lib/milestones.ts';
import { BENCH_CLIP, forgetMarks, installPlaybackProbes, readMark, waitForMark } from '../lib/video.ts';
import type { Scenario } from './scenario.ts';

const FRAME_TIMEOUT_MS = 30_000;
const CONTROL_TIMEOUT_MS = 30_000;
/** The prefix installFirstFrameProbe and installClickOnAppear write their marks under. */
const MARK_PREFIX = 'bench:video:';

export interface OfflineRun {
  /** ms from the navigation start to the first frame. */
  navigationToFrameMs: number;
  /** ms from the Play click to the first frame. */
  clickToFrameMs: number;
  /** ms from the navigation start to the Play click (NaN for the file's link: no click). */
  navigationToClickMs: number;
  /** The app's milestones (page, engine worker, service worker), ms after the navigation start. */
  milestones: Milestones;
  /** The page's long tasks until the frame, [start, duration] in ms. */
  longTasks: [number, number][];
}

async function waitForServiceWorkerControl(page: Page): Promise<void> {
  await page.waitForFunction(() => Boolean(navigator.serviceWorker?.controller), null, {
    timeout: CONTROL_TIMEOUT_MS,
    polling: 100,
  });
}

/**
 * One offline navigation of the storing tab to `url`. The torrent's page
 * (`play` false) waits for the Play click; the file's link (`?play=0`)
 * opens the player itself.
 */
export async function offlineOpen(page: Page, url: string, play: boolean): Promise<OfflineRun> {
  // The marks live in sessionStorage, which survives navigations: clear the last run's.
  // (A new browser's blank page has none, and no storage to ask.)
  await page.evaluate((prefix) => {
    try {
      for (const key of Object.keys(sessionStorage)) if (key.startsWith(prefix)) sessionStorage.removeItem(key);
    } catch {
      // about:blank
    }
  }, MARK_PREFIX);
  forgetMarks(page);
  await clearServiceWorkerMarks(page.context());
  await page.goto(url, { waitUntil: 'commit' });
  let frame: number;
  try {
    frame = await waitForMark(page, 'frame', FRAME_TIMEOUT_MS);
  } catch (err) {
    const shown = await describeAppPage(page);
    throw new Error(`offline: no first frame within ${FRAME_TIMEOUT_MS / 1000} s; the page showed: ${shown}`, {
      cause: err,
    });
  }
  const navigationStart = await page.evaluate(() => performance.timeOrigin);
  const click = await readMark(page, 'click');
  if (!play && click === null) throw new Error('offline: a frame came without the Play click');
  const milestones = await readMilestones(page);
  if (click !== null) milestones['video:click'] = click - navigationStart;
  // The media element's own steps, to split the time after the service worker's answer.
  for (const step of ['loadstart', 'loadedmetadata', 'playing']) {
    const at = await readMark(page, step);
    if (at !== null) milestones[`video:${step}`] = at - navigationStart;
  }
  milestones['video:frame'] = frame - navigationStart;
  const callback = await readMark(page, 'frame-callback');
  if (callback !== null) milestones['video:frame-callback'] = callback - navigationStart;
  return {
    milestones,
    longTasks: await readLongTasks(page),
    navigationToFrameMs: frame - navigationStart,
    clickToFrameMs: click === null ? NaN : frame - click,
    navigationToClickMs: click === null ? NaN : click - navigationStart,
  };
}

export interface OfflineTab {
  context: BrowserContext;
  page: Page;
  infoHash: string;
  /** The app's origin, e.g. http://127.0.0.1:18250. */
  origin: string;
}

/**
 * A tab that stored `mediaPath` by seeding it, its app cached, the probes
 * installed for the next navigations, and its context offline. Close its
 * context when done.
 */
export async function prepareOfflineTab(browser: Browser, app: AppServer, mediaPath: string): Promise<OfflineTab> {
  const seeder = await seedInApp(browser, app, mediaPath);
  const { context, page } = seeder;
  try {
    await waitForServiceWorkerControl(page);
    await page.waitForFunction(appIsCached, null, { timeout: 30_000, polling: 250 });
    // Init scripts apply from the next navigation on.
    await installPlaybackProbes(context);
    await context.setOffline(true);
  } catch (err) {
    await context.close();
    throw err;
  }
  return { context, page, infoHash: seeder.infoHash, origin: new URL(page.url()).origin };
}

/**
 * Chromium started again, offline, on the profile that stored the file, and
 * sent straight to `url`: nothing of the app is in memory, its service worker
 * and renderer start from scratch.
 */
export async function restartedOpen(profileDir: string, url: string): Promise<OfflineRun> {
  const context = await reopenProfile(profileDir, true);
  try {
    await installPlaybackProbes(context);
    const page = context.pages()[0] ?? (await context.newPage());
    return await offlineOpen(page, url, true);
  } finally {
    await context.close();
  }
}

export const offline: Scenario = {
  name: 'offline',
  summary: `offline open and play of a stored ${BENCH_CLIP.durationSec} s ${BENCH_CLIP.width}x${BENCH_CLIP.height} faststart MP4`,
  async run({ browser, app, runs, log }) {
    const media = await createTestVideo(BENCH_CLIP);
    log(`storing ${media.fileName} (${(media.size / 1e6).toFixed(1)} MB) in a tab by seeding it…`);
    const tab = await prepareOfflineTab(browser, app, media.path);
    const ours: OfflineRun[] = [];
    /** Navigations straight to the file's link, /t/<infoHash>?play=0. */
    const direct: OfflineRun[] = [];
    /** The same, each in a Chromium just started on the tab's profile. */
    const restarted: OfflineRun[] = [];
    const profileDir = keepProfile(tab.context);
    try {
      const { context, page, origin } = tab;
      const pagePath = `/t/${tab.infoHash}`;
      try {
        for (let i = 1; i <= runs; i++) {
          const o = await offlineOpen(page, `${origin}${pagePath}`, false);
          if (new URL(page.url()).pathname !== pagePath) {
            throw new Error(`offline: the navigation ended on ${page.url()}, not the torrent's page`);
          }
          ours.push(o);
          log(
            `run ${i}/${runs} torrent page: navigation → frame ${o.navigationToFrameMs.toFixed(0)} ms, ` +
              `click → frame ${o.clickToFrameMs.toFixed(0)} ms (click at ${o.navigationToClickMs.toFixed(0)} ms)`,
          );
          log(`  milestones (ms after navigation): ${medianMilestones([o.milestones])}`);
          log(`  page long tasks [start, ms]: ${JSON.stringify(o.longTasks)}`);
          const d = await offlineOpen(page, `${origin}${pagePath}?play=0`, true);
          direct.push(d);
          log(`run ${i}/${runs} file link: navigation → frame ${d.navigationToFrameMs.toFixed(0)} ms`);
          log(`  milestones (ms after navigation): ${medianMilestones([d.milestones])}`);
          log(`  page long tasks [start, ms]: ${JSON.stringify(d.longTasks)}`);
        }
      } finally {
        await context.setOffline(false);
      }
      await tab.context.close();
      for (let i = 1; i <= runs; i++) {
        const r = await restartedOpen(profileDir, `${origin}${pagePath}?play=0`);
        restarted.push(r);
        log(`run ${i}/${runs} file link, Chromium just started: navigation → frame ${r.navigationToFrameMs.toFixed(0)} ms`);
        log(`  milestones (ms after navigation): ${medianMilestones([r.milestones])}`);
      }
    } finally {
      await tab.context.close();
      await rm(profileDir, { recursive: true, force: true });
    }
    const pick = (key: Exclude<keyof OfflineRun, 'milestones' | 'longTasks'>) => ours.map((r) => r[key]);
    return {
      metrics: [
        metric('offline', 'navigation → first frame (torrent page, Play clicked)', 'ms', { ours: pick('navigationToFrameMs') }, { max: 200 }),
        metric(
          'offline',
          'navigation → first frame (the file\'s link, ?play=0)',
          'ms',
          { ours: direct.map((r) => r.navigationToFrameMs) },
          { max: 200 },
        ),
        metric(
          'offline',
          'navigation → first frame (the file\'s link, Chromium just started)',
          'ms',
          { ours: restarted.map((r) => r.navigationToFrameMs) },
          { max: 200 },
        ),
        metric(
          'offline',
          'navigation → first frame callback (the file\'s link; the page\'s next rendering step)',
          'ms',
          { ours: direct.map((r) => r.milestones['video:frame-callback'] ?? NaN) },
        ),
        metric('offline', 'Play click → first frame (offline)', 'ms', { ours: pick('clickToFrameMs') }),
        metric('offline', 'navigation → Play click (offline)', 'ms', { ours: pick('navigationToClickMs') }),
      ],
      runs: { ours, direct, restarted, reference: [] },
      notes: [
        'The tab that stored the file (by seeding it) goes offline (context.setOffline) and opens /t/<infoHash>, then /t/<infoHash>?play=0; ' +
          'on the first Play is clicked the moment it appears, the second opens the player itself; first frame = requestVideoFrameCallback\'s expectedDisplayTime, when it is on screen. ' +
          'Times are from the navigation start (performance.timeOrigin). No reference: stock webtorrent has no offline storage.',
        `Torrent page, median ms after navigation start of each milestone (page, engine worker, service worker): ${medianMilestones(ours.map((o) => o.milestones))}.`,
        `File link, the same: ${medianMilestones(direct.map((o) => o.milestones))}.`,
        'Chromium just started: the storing tab\'s browser is closed and started again on its profile, offline, straight to the file\'s link, ' +
          'as a user opening the installed app: the service worker, renderer and media stack all start cold. ' +
          `Median milestones: ${medianMilestones(restarted.map((o) => o.milestones))}.`,
      ],
    };
  },
};

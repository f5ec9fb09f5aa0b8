/**
 * Time to first frame and seek time for a 60 s 720p faststart MP4 streamed
 * from a seeding browser tab, in a fresh browser context each run.
 * BENCH_OURS_ONLY=1 leaves stock webtorrent out: for quicker A/B runs of our
 * own builds on a busy machine.
 */
import type { Page } from '@playwright/test';
import { createTestVideo } from '../../tests/fixtures/media.ts';
import { describeAppPage, seedInApp } from '../lib/app.ts';
import { newDiskContext } from '../lib/browser.ts';
import { metric } from '../lib/metric.ts';
import {
  medianMilestones,
  readLongTasks,
  readMilestones,
  readTrace,
  type Milestones,
  type TraceStep,
} from '../lib/milestones.ts';
import { openReferencePage, seedInReference, type RefWindow } from '../lib/reference.ts';
import type { ReferenceServer } from '../lib/reference-server.ts';
import type { AppServer } from '../lib/server.ts';
import { withTimeout } from '../lib/timeout.ts';
import {
  BENCH_CLIP,
  installPlaybackProbes,
  installFirstFrameProbe,
  measureSeek,
  readMark,
  waitForMark,
  type SeekTiming,
} from '../lib/video.ts';
import { bareVideoFirstFrame, serveBareVideo } from '../lib/bare-video.ts';
import type { Scenario } from './scenario.ts';

const SEEK_FRACTION = 0.8;
const OURS_ONLY = process.env.BENCH_OURS_ONLY === '1';
const FRAME_TIMEOUT_MS = 60_000;
const SEEK_TIMEOUT_MS = 30_000;

interface PlaybackRun extends SeekTiming {
  /** ms from navigation to the first frame on screen (expectedDisplayTime). */
  firstFrameMs: number;
  /** ms from navigation to the first frame's requestVideoFrameCallback running in the page. */
  frameCallbackMs: number | null;
  /** ms from navigation to the video's 'loadstart', 'loadedmetadata' and 'playing'. */
  loadstartMs: number | null;
  loadedmetadataMs: number | null;
  playingMs: number | null;
  /** ms from navigation to the play click (ours only: the reference plays as soon as it has metadata). */
  clickMs: number | null;
  /** Share of the torrent downloaded when the seek started, 0..1. */
  progressAtSeek: number | null;
  /** Ours only: the app's milestones before the first frame, ms after navigation start. */
  milestones?: Milestones;
  /** Ours only: the latest request's steps during the seek, ms after it started. */
  seekMilestones?: Milestones;
  /** Ours only: every realm's trace marks from the player's opening to the first frame, `at` in ms after navigation. */
  startTrace?: TraceStep[];
  /** Ours only: the page's long tasks until the seek's frame, [start, duration] in ms. */
  longTasks?: [number, number][];
  /** Ours only: every realm's trace marks from the seek on, `at` in ms after it started. */
  seekTrace?: TraceStep[];
}

async function timeFrom(page: Page, startedAt: number, seek: SeekTiming, progressAtSeek: number | null) {
  const since = (t: number | null) => (t === null ? null : t - startedAt);
  const frame = await readMark(page, 'frame');
  return {
    firstFrameMs: (frame ?? NaN) - startedAt,
    frameCallbackMs: since(await readMark(page, 'frame-callback')),
    loadstartMs: since(await readMark(page, 'loadstart')),
    loadedmetadataMs: since(await readMark(page, 'loadedmetadata')),
    playingMs: since(await readMark(page, 'playing')),
    clickMs: since(await readMark(page, 'click')),
    progressAtSeek,
    ...seek,
  };
}

/** Adds the bench's own video marks (Play click, loadstart, metadata, frame) to the app's milestones. */
async function withVideoMarks(page: Page, milestones: Milestones): Promise<Milestones> {
  const navStart = await page.evaluate(() => performance.timeOrigin);
  const out = { ...milestones };
  for (const name of ['click', 'loadstart', 'loadedmetadata', 'frame', 'frame-callback']) {
    const at = await readMark(page, name);
    if (at !== null) out[`video:${name}`] = at - navStart;
  }
  return out;
}

/** The marks of steps that repeat ('latest'), as ms after the seek started; earlier ones are left out. */
function sinceSeek(milestones: Milestones, seekStart: number): Milestones {
  const out: Milestones = {};
  for (const [name, at] of Object.entries(milestones)) {
    if (name.includes(':latest-') && at >= seekStart) out[name] = at - seekStart;
  }
  return out;
}

/** The trace up to the seek's frame, one "ms realm what" per step. */
function describeTrace(steps: readonly TraceStep[], untilMs: number): string {
  return steps
    .filter((s) => s.at <= untilMs + 50)
    .map((s) => `\n    ${s.at.toFixed(0).padStart(5)} ${s.realm.padEnd(6)} ${s.what}`)
    .join('');
}

/** Ours: /add?uri=<magnet>, then Play on file 0 as soon as it shows. */
export async function appPlayback(app: AppServer, magnetURI: string): Promise<PlaybackRun> {
  const context = await newDiskContext();
  try {
    await installPlaybackProbes(context);
    const page = await context.newPage();
    const startedAt = Date.now();
    await page.goto(`${app.url}/add?uri=${encodeURIComponent(magnetURI)}`, { waitUntil: 'commit' });
    try {
      await waitForMark(page, 'frame', FRAME_TIMEOUT_MS);
    } catch (err) {
      const shown = await describeAppPage(page);
      throw new Error(`no first frame within ${FRAME_TIMEOUT_MS / 1000} s; the page showed: ${shown}`, { cause: err });
    }
    // Read before the seek adds marks of its own.
    const milestones = await withVideoMarks(page, await readMilestones(page));
    const startTrace = await readTrace(page, milestones['video:click'] ?? 0);
    const progress = await page
      .locator('[data-testid="torrent-progress"]')
      .getAttribute('aria-valuenow')
      .then((v) => (v === null ? null : Number(v) / 100));
    const seek = await measureSeek(page, 'video[data-testid="player"]', SEEK_FRACTION, SEEK_TIMEOUT_MS);
    // Not a time taken before measureSeek: Playwright's round trip to the page lies between.
    const seekStart = seek.startedAt;
    const seekMilestones = sinceSeek(await readMilestones(page), seekStart);
    const longTasks = await readLongTasks(page);
    const seekTrace = [
      ...(await readTrace(page, seekStart)),
      ...longTasks
        .filter(([start, ms]) => start + ms >= seekStart)
        .map(([start, ms]): TraceStep => ({ at: start, realm: 'page', what: `long task ${ms} ms` })),
    ]
      .map((s) => ({ ...s, at: s.at - seekStart }))
      .sort((a, b) => a.at - b.at);
    return {
      ...(await timeFrom(page, startedAt, seek, progress)),
      milestones,
      seekMilestones,
      longTasks,
      startTrace,
      seekTrace,
    };
  } finally {
    await context.close();
  }
}

/** Stock webtorrent: its service worker and createServer(), then file.streamTo(video) once it has metadata. */
async function referencePlayback(
  reference: ReferenceServer,
  magnetURI: string,
  announce: string,
): Promise<PlaybackRun> {
  const context = await newDiskContext();
  try {
    await installFirstFrameProbe(context);
    const page = await context.newPage();
    const startedAt = Date.now();
    await openReferencePage(page, reference);
    const streaming = page.evaluate(
      async ({ magnetURI, announce }) => {
        const w = window as unknown as RefWindow;
        const video = document.getElementById('player') as HTMLVideoElement;
        if (!w.WebTorrent) throw new Error('webtorrent did not load');
        const registration = await navigator.serviceWorker.register('/sw.min.js', { scope: '/' });
        // Its worker claims the page on activation; streaming needs it in control.
        if (!navigator.serviceWorker.controller) {
          await new Promise((resolve) =>
            navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }),
          );
        }
        const client = new w.WebTorrent({ tracker: { rtcConfig: { iceServers: [] } } });
        w.benchClient = client;
        client.createServer({ controller: registration });
        await new Promise<void>((resolve, reject) => {
          client.on('error', (err) => reject(new Error(String(err))));
          client.add(magnetURI, { announce: [announce] }, (torrent) => {
            w.benchTorrent = torrent;
            torrent.files[0]?.streamTo(video);
            resolve();
          });
        });
      },
      { magnetURI, announce },
    );
    await withTimeout(streaming, FRAME_TIMEOUT_MS, 'stock webtorrent: metadata');
    await waitForMark(page, 'frame', FRAME_TIMEOUT_MS);
    const progress = await page.evaluate(() => (window as unknown as RefWindow).benchTorrent?.progress ?? null);
    const seek = await measureSeek(page, 'video#player', SEEK_FRACTION, SEEK_TIMEOUT_MS);
    return await timeFrom(page, startedAt, seek, progress);
  } finally {
    await context.close();
  }
}

export const firstFrame: Scenario = {
  name: 'first-frame',
  summary: `first frame and seek, ${BENCH_CLIP.durationSec} s ${BENCH_CLIP.width}x${BENCH_CLIP.height} faststart MP4 from a seeding tab`,
  async run({ browser, app, reference, runs, log }) {
    const media = await createTestVideo(BENCH_CLIP);
    const ours: PlaybackRun[] = [];
    const refs: PlaybackRun[] = [];
    const bare: number[] = [];
    log(`seeding ${media.fileName} (${(media.size / 1e6).toFixed(1)} MB) from the app${OURS_ONLY ? '' : ' and from stock webtorrent'}…`);
    const seeder = await seedInApp(browser, app, media.path);
    const bareServer = await serveBareVideo(media.path);
    try {
      const refSeeder = OURS_ONLY ? null : await seedInReference(reference, media.path, app.announceUrl);
      try {
        for (let i = 1; i <= runs; i++) {
          const o = await appPlayback(app, seeder.magnetURI);
          ours.push(o);
          log(`run ${i}/${runs} ours: first frame ${o.firstFrameMs.toFixed(0)} ms, seek ${o.frameMs.toFixed(0)} ms`);
          log(`  milestones (ms after navigation): ${medianMilestones([o.milestones ?? {}])}`);
          log(`  seek (ms after it started): ${medianMilestones([o.seekMilestones ?? {}])}`);
          log(`  page long tasks [start, ms]: ${JSON.stringify(o.longTasks ?? [])}`);
          log(`  start-up trace (ms after navigation): ${describeTrace(o.startTrace ?? [], o.firstFrameMs)}`);
          log(`  seek media events (ms): ${o.events.map(([name, at]) => `${name} ${at}`).join(', ')}`);
          log(`  seek trace (ms after it started): ${describeTrace(o.seekTrace ?? [], o.frameMs)}`);
          const floor = await bareVideoFirstFrame(bareServer);
          bare.push(floor);
          log(`run ${i}/${runs} bare <video> of the file over HTTP: first frame ${floor.toFixed(0)} ms`);
          if (!refSeeder) continue;
          const r = await referencePlayback(reference, refSeeder.magnetURI, app.announceUrl);
          refs.push(r);
          log(`run ${i}/${runs} stock: first frame ${r.firstFrameMs.toFixed(0)} ms, seek ${r.frameMs.toFixed(0)} ms`);
        }
      } finally {
        await refSeeder?.context.close();
      }
    } finally {
      await bareServer.close();
      await seeder.context.close();
    }
    return {
      metrics: [
        metric(
          'first-frame',
          'navigation → first frame',
          'ms',
          { ours: ours.map((r) => r.firstFrameMs), reference: refs.map((r) => r.firstFrameMs) },
          { max: 1000 },
        ),
        metric('first-frame', 'floor: navigation → first frame of a bare <video src> of the same file over HTTP', 'ms', {
          ours: bare,
        }),
        metric('first-frame', 'navigation → first frame callback (the page\'s next rendering step)', 'ms', {
          ours: ours.map((r) => r.frameCallbackMs ?? NaN),
          reference: refs.map((r) => r.frameCallbackMs ?? NaN),
        }),
        metric(
          'first-frame',
          `seek to ${SEEK_FRACTION * 100} % → frame`,
          'ms',
          { ours: ours.map((r) => r.frameMs), reference: refs.map((r) => r.frameMs) },
          { max: 500 },
        ),
        // A seek into a finished torrent only reads IndexedDB: this row says whether the seek row means anything.
        metric('first-frame', 'torrent downloaded when the seek starts', '%', {
          ours: ours.map((r) => (r.progressAtSeek ?? NaN) * 100),
          reference: refs.map((r) => (r.progressAtSeek ?? NaN) * 100),
        }),
      ],
      runs: { ours, reference: refs },
      notes: [
        'First frame: from the fresh tab\'s navigation (to /add?uri= for ours) to the first frame on screen (requestVideoFrameCallback\'s expectedDisplayTime; ' +
          'the callback row is when that callback ran, which a busy main thread delays); ' +
          'includes page load, service-worker install, tracker, WebRTC connection and metadata.',
        'Floor: in each run, a fresh Chromium (launched as ours are) opens a bare page whose only content is <video src autoplay muted> of the same MP4, ' +
          'from a plain static server (@fastify/static, Range) on loopback: no torrent, no app, no service worker (bench/lib/bare-video.ts). ' +
          'It is what Chromium itself needs on this machine before any of the app\'s work; the target of 1000 ms leaves the app the difference.',
        'Ours clicks Play the moment the file row appears (clickMs in results.json); stock webtorrent streams as soon as it has the metadata.',
        `Ours, median ms after navigation start of each milestone (page, engine worker, service worker): ${medianMilestones(ours.map((o) => o.milestones ?? {}))}.`,
        `Ours, median ms after the seek started of the latest stream request's steps: ${medianMilestones(ours.map((o) => o.seekMilestones ?? {}))}.`,
        `Seek: right after the first frame, currentTime = ${SEEK_FRACTION * 100} % of the duration; timed to the first frame at the new position on screen (expectedDisplayTime). results.json has whether it was buffered and the torrent's progress then.`,
      ],
    };
  },
};

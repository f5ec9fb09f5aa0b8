/**
 * In-page video timing. Timestamps are taken inside the page on the wall
 * clock (performance.timeOrigin + now), so Node's Date.now() before a
 * navigation can be the start and no round trip is counted.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { installLongTaskProbe } from './milestones.ts';

/** The 60 s 720p faststart clip the first-frame and offline scenarios play. */
export const BENCH_CLIP = { durationSec: 60, width: 1280, height: 720 };
/** The first file's Play button on the torrent page. */
export const PLAY_BUTTON = '[data-testid="file-row"][data-index="0"] [data-testid="file-play"]';

const KEY = 'bench:video';
/** The console line a mark is also reported with: `<prefix> <name> <ms>`. */
const CONSOLE_PREFIX = 'bench-video-mark';
const POLL_MS = 10;
/** Marks not yet reported with a first frame are reported this long after they were taken. */
const REPORT_LATE_MS = 3000;

/** Marks seen on each page's console, by name. */
const consoleMarks = new WeakMap<Page, Map<string, number>>();

/**
 * Collects the marks the probe reports on the console. Waiting for a mark
 * this way runs nothing in the page: polling it with page.waitForFunction
 * made Playwright inject its script into a page still starting, measured at
 * 67 ms of main-thread time about 120 ms after navigation.
 */
function collectConsoleMarks(context: BrowserContext): void {
  context.on('console', (message) => {
    const [prefix, name, ms] = message.text().split(' ');
    const page = message.page();
    if (prefix !== CONSOLE_PREFIX || !name || !page) return;
    const marks = consoleMarks.get(page) ?? new Map<string, number>();
    consoleMarks.set(page, marks);
    if (!marks.has(name)) marks.set(name, Number(ms));
  });
}

/**
 * Records in sessionStorage when the tab's first video starts loading, has
 * its metadata, shows its first frame and first fires 'playing'. Call on
 * the context before its page navigates.
 *
 * 'frame' is when the frame is on screen: requestVideoFrameCallback's
 * expectedDisplayTime, for the first frame presented while the video is
 * laid out in the page's body. The callback itself ('frame-callback') runs in the
 * page's next rendering step, which a busy main thread holds back: traced
 * offline, the frame went to the compositor at 207 ms while the callback ran
 * at 255 ms, after the media element's own response-body reads.
 */
export async function installFirstFrameProbe(context: BrowserContext): Promise<void> {
  collectConsoleMarks(context);
  await context.addInitScript(({ key, prefix, reportLateMs }: { key: string; prefix: string; reportLateMs: number }) => {
    // Marks are kept in memory and reported (sessionStorage, console) once the frame is on
    // screen: reporting each at once took 2-17 ms of the main thread between loadstart and
    // the first frame (traced), time the media element's own tasks waited behind.
    const seen = new Set<string>();
    const pending: [string, number][] = [];
    let framed = false;
    const report = () => {
      for (const [name, at] of pending.splice(0)) {
        sessionStorage.setItem(`${key}:${name}`, String(at));
        console.debug(prefix, name, at);
      }
    };
    const mark = (name: string, at = performance.timeOrigin + performance.now()) => {
      if (seen.has(name)) return;
      seen.add(name);
      pending.push([name, at]);
      framed ||= name === 'frame-callback';
      if (framed) report();
      // A video that never shows a frame still has its marks read (and a timeout explained).
      else setTimeout(report, reportLateMs);
    };
    // Chromium calls back for the first frame of a video that is not rendered too (one in
    // <head>, as index.html's early video is until the player adopts it): only a frame
    // presented while the video is laid out in the page counts, so a frame that came
    // before counts only from the next one (at most one frame interval late, never early).
    const onScreen = (video: HTMLVideoElement) => document.body?.contains(video) === true && video.getBoundingClientRect().width > 0;
    const watch = (video: HTMLVideoElement) =>
      video.requestVideoFrameCallback((_now, frame) => {
        if (!onScreen(video)) return void watch(video);
        mark('frame', performance.timeOrigin + frame.expectedDisplayTime);
        mark('frame-callback');
      });
    // Media events do not bubble, but they pass window in the capture phase.
    addEventListener(
      'loadstart',
      (e) => {
        if (!(e.target instanceof HTMLVideoElement)) return;
        mark('loadstart');
        watch(e.target);
      },
      true,
    );
    for (const name of ['loadedmetadata', 'playing']) {
      addEventListener(name, (e) => e.target instanceof HTMLVideoElement && mark(name), true);
    }
  }, { key: KEY, prefix: CONSOLE_PREFIX, reportLateMs: REPORT_LATE_MS });
}

/** Clicks `selector` the moment it appears, as an eager user would; records when. */
export async function installClickOnAppear(context: BrowserContext, selector: string): Promise<void> {
  await context.addInitScript(
    ({ key, selector }: { key: string; selector: string }) => {
      const observer = new MutationObserver(() => {
        const target = document.querySelector<HTMLElement>(selector);
        if (!target) return;
        observer.disconnect();
        sessionStorage.setItem(`${key}:click`, String(performance.timeOrigin + performance.now()));
        target.click();
      });
      observer.observe(document, { subtree: true, childList: true });
    },
    { key: KEY, selector },
  );
}

/** Forgets the marks of the page's last navigation; call before navigating it again. */
export function forgetMarks(page: Page): void {
  consoleMarks.delete(page);
}

/**
 * Waits for a probe mark ('loadstart', 'loadedmetadata', 'frame',
 * 'playing'; installFirstFrameProbe) and returns its wall-clock time,
 * without running anything in the page meanwhile.
 */
export async function waitForMark(page: Page, name: string, timeout: number): Promise<number> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const at = consoleMarks.get(page)?.get(name);
    if (at !== undefined) return at;
    if (Date.now() > deadline) throw new Error(`the page showed no "${name}" mark within ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

export async function readMark(page: Page, name: string): Promise<number | null> {
  const value = await page.evaluate((item) => sessionStorage.getItem(item), `${KEY}:${name}`);
  return value === null ? null : Number(value);
}

export interface SeekTiming {
  targetSec: number;
  /** Whether the target was already in the media element's buffered ranges. */
  buffered: boolean;
  /** ms from setting currentTime to 'seeked'. */
  seekedMs: number;
  /** ms from setting currentTime to the first frame at the new position being presented. */
  frameMs: number;
  /** The media element's events until then, as [name, ms after currentTime was set]. */
  events: [string, number][];
  /** When currentTime was set, in ms after the page's navigation start (its performance.now()). */
  startedAt: number;
}

/** Seeks the video to `fraction` of its duration and times it. */
export function measureSeek(page: Page, selector: string, fraction: number, timeoutMs: number): Promise<SeekTiming> {
  return page.evaluate(
    async ({ selector, fraction, timeoutMs }) => {
      const now = () => performance.timeOrigin + performance.now();
      const video = document.querySelector<HTMLVideoElement>(selector);
      if (!video || !Number.isFinite(video.duration)) throw new Error(`no ${selector} with a known duration`);
      const target = video.duration * fraction;
      let buffered = false;
      for (let i = 0; i < video.buffered.length; i++) {
        if (video.buffered.start(i) <= target && target <= video.buffered.end(i)) buffered = true;
      }
      const seeked = new Promise<number>((resolve) =>
        video.addEventListener('seeked', () => resolve(now()), { once: true }),
      );
      const frame = new Promise<number>((resolve) => {
        // Frames from before the seek can still be presented; wait for one at the target.
        const onFrame: VideoFrameRequestCallback = (_t, meta) => {
          // On screen then, as the first frame's mark (installFirstFrameProbe).
          if (meta.mediaTime >= target - 0.25) resolve(performance.timeOrigin + meta.expectedDisplayTime);
          else video.requestVideoFrameCallback(onFrame);
        };
        video.requestVideoFrameCallback(onFrame);
      });
      const timeout = new Promise<never>((_, reject) =>
        setTimeout(
          () =>
            reject(
              new Error(
                `seek to ${target.toFixed(1)} s did not show a frame within ${timeoutMs} ms ` +
                  `(currentTime ${video.currentTime.toFixed(1)}, readyState ${video.readyState}, ` +
                  `paused ${video.paused})`,
              ),
            ),
          timeoutMs,
        ),
      );
      const events: [string, number][] = [];
      const names = ['seeking', 'waiting', 'loadeddata', 'canplay', 'seeked', 'playing', 'progress', 'stalled'];
      const record = (e: Event) => events.push([e.type, Math.round(now() - started)]);
      for (const name of names) video.addEventListener(name, record);
      const startedAt = performance.now();
      const started = performance.timeOrigin + startedAt;
      video.currentTime = target;
      try {
        const [seekedAt, frameAt] = await Promise.race([Promise.all([seeked, frame]), timeout]);
        return { targetSec: target, buffered, seekedMs: seekedAt - started, frameMs: frameAt - started, events, startedAt };
      } finally {
        for (const name of names) video.removeEventListener(name, record);
      }
    },
    { selector, fraction, timeoutMs },
  );
}

/**
 * Everything a timed playback run records, on a context before its page
 * navigates: the video's marks, the Play click the moment the button
 * appears, and the page's long tasks.
 */
export async function installPlaybackProbes(context: BrowserContext): Promise<void> {
  await installFirstFrameProbe(context);
  await installClickOnAppear(context, PLAY_BUTTON);
  await installLongTaskProbe(context);
}

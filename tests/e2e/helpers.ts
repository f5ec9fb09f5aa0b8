/**
 * Steps shared by the browser specs. They depend on the app only through its
 * public contract: `/add?uri=<magnet>`, the service worker answering
 * `/stream/<infoHash>/<fileIndex>`, and `<video data-testid="player">`.
 */
import { expect, type Locator, type Page, type TestInfo } from '@playwright/test';
import { appIsCached } from '../support/app-cached.ts';

export function streamUrl(infoHash: string, fileIndex = 0): string {
  return `/stream/${infoHash}/${fileIndex}`;
}

/** Opens `/add?uri=<magnet>`; returns Date.now() taken just before navigating. */
export async function addTorrentViaLink(page: Page, magnetURI: string): Promise<number> {
  const startedAt = Date.now();
  await page.goto(`/add?uri=${encodeURIComponent(magnetURI)}`);
  return startedAt;
}

/** The app lists the torrent (its name comes with the magnet's dn=). */
export async function expectTorrentShown(page: Page, name: string): Promise<void> {
  await expect(page.getByText(name).first(), `the app should show the torrent "${name}"`).toBeVisible({
    timeout: 30_000,
  });
}

/** Waits until a service worker controls the page; /stream/ URLs only work then. */
/** Waits until the service worker has cached the app for offline starts. */
export async function waitForAppCached(page: Page, timeout = 30_000): Promise<void> {
  await expect
    .poll(() => page.evaluate(appIsCached).catch(() => false), { message: 'the app should be cached for offline use', timeout })
    .toBe(true);
}

export async function waitForServiceWorkerControl(page: Page, timeout = 30_000): Promise<void> {
  await expect
    .poll(
      () =>
        page
          .evaluate(() => Boolean(navigator.serviceWorker?.controller))
          // The app may still be navigating (e.g. away from /add): try again.
          .catch(() => false),
      { message: 'a service worker should control the page', timeout },
    )
    .toBe(true);
}

export interface FetchedBody {
  status: number;
  size: number;
  /** Lower-case hex SHA-256 of the body. */
  sha256: string;
  contentType: string | null;
  contentRange: string | null;
}

/** Fetches `url` inside the page (so through its service worker) and hashes the body there. */
export async function fetchAndHashInPage(page: Page, url: string, range?: string): Promise<FetchedBody> {
  return page.evaluate(
    async ({ url, range }) => {
      const headers: Record<string, string> = range ? { Range: range } : {};
      const res = await fetch(url, { headers, cache: 'no-store' });
      const body = await res.arrayBuffer();
      const digest = await crypto.subtle.digest('SHA-256', body);
      return {
        status: res.status,
        size: body.byteLength,
        sha256: Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join(''),
        contentType: res.headers.get('content-type'),
        contentRange: res.headers.get('content-range'),
      };
    },
    { url, range },
  );
}

/**
 * Polls `GET /stream/<ih>/<i>` in the page until it returns the whole file with
 * the expected hash. A single request already waits for missing pieces; polling
 * also rides out early answers such as 404 before the metadata has arrived.
 */
export async function expectWholeFileInPage(
  page: Page,
  infoHash: string,
  expected: { size: number; sha256: string },
  timeout = 120_000,
): Promise<void> {
  await expect
    .poll(
      async () => {
        try {
          const { status, size, sha256 } = await fetchAndHashInPage(page, streamUrl(infoHash));
          return { status, size, sha256 };
        } catch (err) {
          return { error: String(err) };
        }
      },
      {
        message: `GET ${streamUrl(infoHash)} in the page should return the whole file`,
        timeout,
        intervals: [1_000, 2_000, 5_000],
      },
    )
    .toEqual({ status: 200, size: expected.size, sha256: expected.sha256 });
}

/** The player's <video>, once it shows, checked to stream from /stream/<infoHash>/0. */
async function expectVideoOfFile0(page: Page, infoHash: string): Promise<Locator> {
  const video = page.locator('video[data-testid="player"]');
  await expect(video).toBeVisible();
  const src = await video.evaluate((v: HTMLVideoElement) => new URL(v.currentSrc || v.src, location.href).pathname);
  expect(src, 'the player should stream from /stream/<infoHash>/0').toMatch(new RegExp(`^/stream/${infoHash}/0(/|$)`));
  return video;
}

/**
 * Opens the app's player for file 0 from the torrent page and checks it
 * streams from /stream/<infoHash>/0. After /add the page may have opened it
 * already (?play=…), and then Play changes nothing.
 */
export async function openPlayer(page: Page, infoHash: string): Promise<Locator> {
  await expect(page).toHaveURL(new RegExp(`/t/${infoHash}(\\?play=(main|0))?$`));
  await page.locator('[data-testid="file-row"][data-index="0"] [data-testid="file-play"]').click();
  return expectVideoOfFile0(page, infoHash);
}

/** After /add of a single film, the page opens it without a click and says so in its URL. */
export async function expectPlayerOpenedItself(page: Page, infoHash: string): Promise<Locator> {
  await expect(page).toHaveURL(new RegExp(`/t/${infoHash}\\?play=0$`));
  return expectVideoOfFile0(page, infoHash);
}

/** Polls until the video has played past `seconds`; on failure, says what state it was in. */
export async function expectPlayedPast(video: Locator, seconds: number, timeout = 90_000): Promise<void> {
  try {
    await expect
      .poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), {
        message: `the video should play past ${seconds} s`,
        timeout,
      })
      .toBeGreaterThan(seconds);
  } catch (err) {
    const state = await video
      .evaluate((v: HTMLVideoElement) => ({
        src: v.currentSrc,
        currentTime: v.currentTime,
        paused: v.paused,
        readyState: v.readyState,
        networkState: v.networkState,
        error: v.error ? `${v.error.code} ${v.error.message}` : null,
        buffered: Array.from({ length: v.buffered.length }, (_, i) => [v.buffered.start(i), v.buffered.end(i)]),
      }))
      .catch((e: unknown) => `unavailable: ${String(e)}`);
    throw new Error(`${err instanceof Error ? err.message : String(err)}\nvideo state: ${JSON.stringify(state)}`, {
      cause: err,
    });
  }
}

const FIRST_FRAME_KEY = 'e2e:first-frame';

export interface FirstFrameTimes {
  /** Date.now() at the first video `loadeddata`, `playing`, and frame presented while playing. */
  loadeddata: number | null;
  playing: number | null;
  frame: number | null;
}

/**
 * Records, in sessionStorage (it survives the app's navigations), when the
 * first video in the tab had data, started playing, and presented a frame.
 * Call before the first navigation.
 */
export async function installFirstFrameProbe(page: Page): Promise<void> {
  await page.addInitScript((key: string) => {
    const once = (name: string) => {
      if (sessionStorage.getItem(`${key}:${name}`) === null) sessionStorage.setItem(`${key}:${name}`, String(Date.now()));
    };
    // Media events do not bubble, but they do pass window in the capture phase.
    addEventListener('loadeddata', (e) => e.target instanceof HTMLVideoElement && once('loadeddata'), true);
    addEventListener(
      'playing',
      (e) => {
        if (!(e.target instanceof HTMLVideoElement)) return;
        once('playing');
        e.target.requestVideoFrameCallback(() => once('frame'));
      },
      true,
    );
  }, FIRST_FRAME_KEY);
}

export async function readFirstFrameTimes(page: Page): Promise<FirstFrameTimes> {
  return page.evaluate((key: string) => {
    const read = (name: string) => {
      const v = sessionStorage.getItem(`${key}:${name}`);
      return v === null ? null : Number(v);
    };
    return { loadeddata: read('loadeddata'), playing: read('playing'), frame: read('frame') };
  }, FIRST_FRAME_KEY);
}

/** Records a figure both in the report (annotation) and on the console. */
export function recordFigure(testInfo: TestInfo, type: string, description: string): void {
  testInfo.annotations.push({ type, description });
  console.log(`[${testInfo.title}] ${type}: ${description}`);
}

/** Indexes of a torrent's pieces in the app's IndexedDB, read with the raw API (no app code). */
export async function storedPieceIndexes(page: Page, infoHash: string): Promise<number[]> {
  return page.evaluate(
    (ih) =>
      new Promise<number[]>((resolve, reject) => {
        const open = indexedDB.open('btstream');
        open.onerror = () => reject(new Error(String(open.error)));
        open.onsuccess = () => {
          const db = open.result;
          const req = db
            .transaction('pieces')
            .objectStore('pieces')
            .getAllKeys(IDBKeyRange.bound([ih, 0], [ih, Number.MAX_SAFE_INTEGER]));
          req.onsuccess = () => {
            db.close();
            // A key is [ih, index] for one piece, or [ih, first, count] for a run of them.
            const indexes = req.result.flatMap((key) => {
              const [, first, count = 1] = key as [string, number, number?];
              return Array.from({ length: count }, (_, i) => first + i);
            });
            resolve([...new Set(indexes)].sort((a, b) => a - b));
          };
          req.onerror = () => reject(new Error(String(req.error)));
        };
      }),
    infoHash,
  );
}

/** How many of a torrent's piece records in IndexedDB hold Blobs, and how many bytes. */
export function pieceRecordKinds(page: Page, infoHash: string): Promise<{ blobs: number; bytes: number }> {
  return page.evaluate(
    (ih) =>
      new Promise<{ blobs: number; bytes: number }>((resolve, reject) => {
        const open = indexedDB.open('btstream');
        open.onerror = () => reject(new Error(String(open.error)));
        open.onsuccess = () => {
          const all = open.result.transaction('pieces').objectStore('pieces').getAll(IDBKeyRange.bound([ih, 0], [ih, Number.MAX_SAFE_INTEGER]));
          all.onerror = () => reject(new Error(String(all.error)));
          all.onsuccess = () => {
            const values = all.result as unknown[];
            open.result.close();
            resolve({ blobs: values.filter((v) => v instanceof Blob).length, bytes: values.filter((v) => v instanceof ArrayBuffer).length });
          };
        };
      }),
    infoHash,
  );
}

export async function storedPieceCount(page: Page, infoHash: string): Promise<number> {
  return (await storedPieceIndexes(page, infoHash)).length;
}

/** The video's first text track, shown, comes to have `text` as its first cue. */
export async function expectFirstCue(video: Locator, text: string): Promise<void> {
  await expect
    .poll(() =>
      video.evaluate((v: HTMLVideoElement) => {
        const track = v.textTracks[0];
        if (!track) return null;
        track.mode = 'showing';
        const cue = track.cues?.[0];
        return cue instanceof VTTCue ? cue.text : null;
      }),
    )
    .toBe(text);
}

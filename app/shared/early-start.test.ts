import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { writeSnapshot } from '../src/state/status-snapshot';
import { ENGINE_PORT_MESSAGE } from './engine-api';
import {
  EARLY_CONFIG_GLOBAL,
  EARLY_ENGINE_GLOBAL,
  EARLY_ENGINE_MARK,
  EARLY_VIDEO_GLOBAL,
  EARLY_VIDEO_MARK,
  EARLY_VIDEO_TTL_MS,
  ENGINE_CONFIG_URL,
  SERVICE_WORKER_URL,
  earlyStartScript,
  type EarlyConfig,
} from './early-start';
import { sampleRecord } from './sample-record';
import { storedStatus } from './stored-status';
import { streamPath } from './stream-url';

type Listener = (event: { message?: string; data?: unknown }) => void;

interface FakeElement {
  tag: string;
  rel?: string;
  as?: string;
  href?: string;
  crossOrigin?: string;
  src?: string;
  muted?: boolean;
  autoplay?: boolean;
  playsInline?: boolean;
  preload?: string;
  calls: string[];
  removeAttribute(name: string): void;
  load(): void;
  remove(): void;
}

interface Page {
  /** location.pathname + location.search */
  url?: string;
  controlled?: boolean;
  /** localStorage's items */
  storage?: Map<string, string>;
}

/** Runs the script against stand-ins for the globals it touches; returns what it did. */
function run(options: {
  worker?: 'ok' | 'throws' | 'missing';
  serviceWorker?: boolean;
  offline?: boolean;
  page?: Page;
  /** What the config request gets: a status and JSON body, or a network error. */
  config?: { status: number; body: unknown } | 'network error';
}) {
  const registered: string[] = [];
  const fetched: string[] = [];
  const config = options.config ?? { status: 200, body: {} };
  const fetch = (url: string) => {
    fetched.push(url);
    if (config === 'network error') return Promise.reject(new TypeError('Failed to fetch'));
    return Promise.resolve({ ok: config.status < 400, json: () => Promise.resolve(config.body) });
  };
  const appended: FakeElement[] = [];
  const marks: string[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  const workers: { url: string; type: unknown; listeners: Record<string, Listener> }[] = [];
  class FakeWorker {
    listeners: Record<string, Listener> = {};
    constructor(url: string, init: { type?: string }) {
      if (options.worker === 'throws') throw new Error('blocked');
      workers.push({ url, type: init.type, listeners: this.listeners });
    }
    addEventListener(name: string, listener: Listener) {
      this.listeners[name] = listener;
    }
  }
  const self: Record<string, unknown> = {};
  const page = options.page ?? {};
  const navigator =
    options.serviceWorker === false
      ? {}
      : {
          onLine: !options.offline,
          serviceWorker: {
            controller: page.controlled ? {} : null,
            register: (url: string) => (registered.push(url), Promise.resolve()),
          },
        };
  const url = new URL(page.url ?? '/', 'https://app.example');
  const storage = page.storage ?? new Map<string, string>();
  const document = {
    createElement: (tag: string): FakeElement => {
      const calls: string[] = [];
      return {
        tag,
        calls,
        removeAttribute: (name) => calls.push(`removeAttribute ${name}`),
        load: () => calls.push('load'),
        remove: () => calls.push('remove'),
      };
    },
    head: { appendChild: (el: FakeElement) => appended.push(el) },
  };
  runInNewContext(earlyStartScript('/assets/worker-abc.js'), {
    self,
    navigator,
    document,
    location: { pathname: url.pathname, search: url.search },
    localStorage: { getItem: (key: string) => storage.get(key) ?? null },
    URLSearchParams,
    fetch,
    setTimeout: (fn: () => void, ms: number) => timers.push({ fn, ms }),
    Worker: options.worker === 'missing' ? undefined : FakeWorker,
    performance: { mark: (m: string) => marks.push(m) },
  });
  return {
    registered,
    fetched,
    earlyConfig: self[EARLY_CONFIG_GLOBAL] as EarlyConfig | undefined,
    marks,
    workers,
    appended,
    timers,
    boot: self[EARLY_ENGINE_GLOBAL] as { error: string | null; port: unknown } | undefined,
    early: self[EARLY_VIDEO_GLOBAL] as { infoHash: string; fileIndex: number; video: FakeElement } | undefined,
    self,
  };
}

const IH = 'e'.repeat(40);

/** localStorage as the app leaves it after showing the sample torrent's page. */
function storageWithSnapshot(stored = [0, 1, 2]): Map<string, string> {
  const items = new Map<string, string>();
  const storage = {
    get length() {
      return items.size;
    },
    key: (i: number) => [...items.keys()][i] ?? null,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
    clear: () => items.clear(),
  };
  writeSnapshot(storedStatus(sampleRecord(IH, 1), stored), storage);
  return items;
}

describe('earlyStartScript', () => {
  it('registers the service worker and starts the engine worker as a module', () => {
    const done = run({ worker: 'ok' });
    expect(done.registered).toEqual([SERVICE_WORKER_URL]);
    expect(done.workers).toEqual([expect.objectContaining({ url: '/assets/worker-abc.js', type: 'module' })]);
    expect(done.boot).toMatchObject({ error: null, port: null });
    expect(done.marks).toEqual([EARLY_ENGINE_MARK]);
  });

  it("keeps the engine's port for the app, which listens only later, and ignores other messages", () => {
    const done = run({ worker: 'ok' });
    const { port1 } = new MessageChannel();
    done.workers[0]?.listeners.message?.({ data: { type: 'status' } });
    expect(done.boot?.port).toBeNull();
    done.workers[0]?.listeners.message?.({ data: { type: ENGINE_PORT_MESSAGE, port: port1 } });
    expect(done.boot?.port).toBe(port1);
    port1.close();
  });

  it('requests the engine config while online and keeps its body for the app once in', async () => {
    const body = { announce: ['wss://tracker.example/announce'], iceServers: [] };
    const done = run({ worker: 'ok', config: { status: 200, body } });
    expect(done.fetched).toEqual([ENGINE_CONFIG_URL]);
    expect(done.earlyConfig?.body).toBeUndefined();
    await expect(done.earlyConfig?.done).resolves.toEqual(body);
    expect(done.earlyConfig?.body).toEqual(body);
  });

  it('keeps null for a config request that failed, and never rejects', async () => {
    for (const config of [{ status: 500, body: 'oops' }, 'network error'] as const) {
      const done = run({ worker: 'ok', config });
      await expect(done.earlyConfig?.done).resolves.toBeNull();
      expect(done.earlyConfig?.body).toBeNull();
    }
  });

  it('asks for no config offline', () => {
    const done = run({ worker: 'ok', offline: true });
    expect(done.fetched).toEqual([]);
    expect(done.earlyConfig).toBeUndefined();
  });

  it('leaves the engine to the app offline, still registering the service worker', () => {
    const done = run({ worker: 'ok', offline: true });
    expect(done.workers).toEqual([]);
    expect(done.boot).toBeUndefined();
    expect(done.registered).toEqual([SERVICE_WORKER_URL]);
  });

  it('starts a stored video offline too, where the engine is left to the app', () => {
    const done = run({ worker: 'ok', offline: true, page: { url: `/t/${IH}?play=0`, controlled: true, storage: storageWithSnapshot() } });
    expect(done.early).toMatchObject({ infoHash: IH, fileIndex: 0 });
    expect(done.workers).toEqual([]);
  });

  it('keeps a load error for the app, which listens only later', () => {
    const done = run({ worker: 'ok' });
    done.workers[0]?.listeners.error?.({ message: 'SyntaxError: bad token' });
    expect(done.boot?.error).toBe('SyntaxError: bad token');
  });

  it('leaves the start to the app when it cannot make the worker', () => {
    expect(run({ worker: 'throws' }).boot).toBeUndefined();
    const without = run({ worker: 'missing', serviceWorker: false });
    expect(without.boot).toBeUndefined();
    expect(without.registered).toEqual([]);
  });

  it('starts a stored video of a play link, muted and loading, where the player will adopt it', () => {
    const done = run({ worker: 'ok', serviceWorker: false, page: { url: `/t/${IH}?play=0`, controlled: true, storage: storageWithSnapshot() } });
    expect(done.early).toBeUndefined();
    const ok = run({ worker: 'ok', page: { url: `/t/${IH.toUpperCase()}?play=0`, controlled: true, storage: storageWithSnapshot() } });
    const video = ok.early?.video;
    expect(ok.early).toMatchObject({ infoHash: IH, fileIndex: 0, stored: true });
    expect(video).toMatchObject({ tag: 'video', muted: true, autoplay: true, playsInline: true, preload: 'auto' });
    expect(video?.src).toBe(streamPath(IH, { index: 0, name: 'a.mp4' }));
    expect(ok.appended).toContain(video);
    expect(ok.marks).toEqual([EARLY_VIDEO_MARK, EARLY_ENGINE_MARK]);
  });

  it('stops and removes an early video no player took in time, and leaves a taken one alone', () => {
    const page = { url: `/t/${IH}?play=0`, controlled: true, storage: storageWithSnapshot() };
    const left = run({ worker: 'ok', page });
    expect(left.timers.map((t) => t.ms)).toEqual([EARLY_VIDEO_TTL_MS]);
    left.timers[0]?.fn();
    expect(left.self[EARLY_VIDEO_GLOBAL]).toBeUndefined();
    expect(left.appended.find((el) => el.tag === 'video')?.calls).toEqual(['removeAttribute src', 'load', 'remove']);

    const taken = run({ worker: 'ok', page });
    const video = taken.early?.video;
    delete taken.self[EARLY_VIDEO_GLOBAL];
    taken.timers[0]?.fn();
    expect(video?.calls).toEqual([]);
  });

  it('starts the main video of a ?play=main link, as of a numbered one', () => {
    const done = run({ worker: 'ok', page: { url: `/t/${IH}?play=main`, controlled: true, storage: storageWithSnapshot() } });
    expect(done.early).toMatchObject({ infoHash: IH, fileIndex: 0, video: { autoplay: true, muted: true } });
  });

  it("loads a torrent page's main video paused, for its Play button, only when it is wholly stored", () => {
    const done = run({ worker: 'ok', page: { url: `/t/${IH}`, controlled: true, storage: storageWithSnapshot() } });
    expect(done.early).toMatchObject({ infoHash: IH, fileIndex: 0, video: { autoplay: false, preload: 'auto', muted: true } });
    expect(done.early?.video.src).toBe(streamPath(IH, { index: 0, name: 'a.mp4' }));
    // Piece 1 (half the video's bytes) missing: nothing early, no request that would have the engine fetch it.
    const partial = run({ worker: 'ok', page: { url: `/t/${IH}`, controlled: true, storage: storageWithSnapshot([0, 2]) } });
    expect(partial.early).toBeUndefined();
    // A play link plays what is there, and the engine fetches the rest.
    const link = run({ worker: 'ok', page: { url: `/t/${IH}?play=0`, controlled: true, storage: storageWithSnapshot([0, 2]) } });
    expect(link.early).toMatchObject({ fileIndex: 0, stored: false });
  });

  it('starts no video without a controlling service worker, a video file in the snapshot, or a file number', () => {
    const storage = storageWithSnapshot();
    const started = (page: Page) => run({ worker: 'ok', page }).appended.some((el) => el.tag === 'video');
    expect(started({ url: `/t/${IH}?play=0`, controlled: false, storage })).toBe(false);
    expect(started({ url: `/t/${IH}?play=1`, controlled: true, storage })).toBe(false);
    expect(started({ url: `/t/${IH}?play=5`, controlled: true, storage })).toBe(false);
    expect(started({ url: `/t/${IH}?play=first`, controlled: true, storage })).toBe(false);
    expect(started({ url: `/t/${IH}?play=0`, controlled: true })).toBe(false);
    expect(started({ url: `/t/${IH}`, controlled: true })).toBe(false);
    expect(started({ url: `/`, controlled: true, storage })).toBe(false);
  });

  it('still starts the engine when the snapshot is unreadable', () => {
    const storage = new Map([[`btstream:status:${IH}`, '{not json']]);
    const done = run({ worker: 'ok', page: { url: `/t/${IH}?play=0`, controlled: true, storage } });
    expect(done.early).toBeUndefined();
    expect(done.boot).toMatchObject({ error: null });
  });
});

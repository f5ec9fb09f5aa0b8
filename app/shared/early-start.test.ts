import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { EARLY_ENGINE_GLOBAL, EARLY_ENGINE_MARK, ENGINE_CONFIG_URL, SERVICE_WORKER_URL, earlyStartScript } from './early-start';

type Listener = (event: { message?: string }) => void;

/** Runs the script against stand-ins for the globals it touches; returns what it did. */
function run(options: { worker?: 'ok' | 'throws' | 'missing'; serviceWorker?: boolean; offline?: boolean }) {
  const registered: string[] = [];
  const appended: { rel?: string; as?: string; href?: string; crossOrigin?: string }[] = [];
  const marks: string[] = [];
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
  const navigator =
    options.serviceWorker === false
      ? {}
      : { onLine: !options.offline, serviceWorker: { register: (url: string) => (registered.push(url), Promise.resolve()) } };
  const document = {
    createElement: () => ({}),
    head: { appendChild: (el: (typeof appended)[number]) => appended.push(el) },
  };
  runInNewContext(earlyStartScript('/assets/worker-abc.js'), {
    self,
    navigator,
    document,
    Worker: options.worker === 'missing' ? undefined : FakeWorker,
    performance: { mark: (m: string) => marks.push(m) },
  });
  return { registered, marks, workers, appended, boot: self[EARLY_ENGINE_GLOBAL] as { error: string | null } | undefined };
}

describe('earlyStartScript', () => {
  it('registers the service worker and starts the engine worker as a module', () => {
    const done = run({ worker: 'ok' });
    expect(done.registered).toEqual([SERVICE_WORKER_URL]);
    expect(done.workers).toEqual([expect.objectContaining({ url: '/assets/worker-abc.js', type: 'module' })]);
    expect(done.boot).toMatchObject({ error: null });
    expect(done.marks).toEqual([EARLY_ENGINE_MARK]);
  });

  it('preloads the engine config while online, not offline', () => {
    expect(run({ worker: 'ok' }).appended).toEqual([
      { rel: 'preload', as: 'fetch', crossOrigin: 'anonymous', href: ENGINE_CONFIG_URL },
    ]);
    expect(run({ worker: 'ok', serviceWorker: false }).appended).toEqual([]);
  });

  it('leaves the engine to the app offline, still registering the service worker', () => {
    const done = run({ worker: 'ok', offline: true });
    expect(done.workers).toEqual([]);
    expect(done.boot).toBeUndefined();
    expect(done.registered).toEqual([SERVICE_WORKER_URL]);
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
});

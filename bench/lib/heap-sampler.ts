/**
 * JS heap of a page and its dedicated workers, read over the browser's own
 * DevTools WebSocket: Runtime.getHeapUsage on every page and worker target,
 * each attached once with a flattened session. Playwright's CDPSession
 * cannot address a worker's session, so the bench launches a Chromium of its
 * own with a debugging port for this.
 */
import { chromium, type Browser } from '@playwright/test';
import WebSocket from 'ws';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../../tests/support/chromium.ts';
import { freePort } from './ports.ts';

export interface HeapSample {
  /** ms since sampling began. */
  atMs: number;
  /** Used JS heap, MiB, of the page targets. */
  pageMiB: number;
  /** Used JS heap, MiB, of the dedicated workers. */
  workerMiB: number;
  /** Allocated (total) JS heap, MiB, of both. */
  totalMiB: number;
  /**
   * ArrayBuffer backing stores plus the embedder (Blink) heap, MiB, of both:
   * memory the page holds outside the V8 heap (usedSize does not count it).
   * NaN when this Chromium does not report it.
   */
  outsideHeapMiB: number;
}

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
}

const MiB = 1024 * 1024;

/** Chromium with a loopback DevTools port; `debugUrl` is its HTTP endpoint. */
export async function launchDebuggableBrowser(): Promise<{ browser: Browser; debugUrl: string }> {
  const port = await freePort(0);
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS, `--remote-debugging-port=${port}`, '--remote-debugging-address=127.0.0.1'],
  });
  return { browser, debugUrl: `http://127.0.0.1:${port}` };
}

class Cdp {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();

  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      const msg = JSON.parse(data.toString('utf8')) as { id?: number; result?: unknown; error?: { message: string } };
      if (msg.id === undefined) return;
      const waiter = this.pending.get(msg.id);
      if (!waiter) return;
      this.pending.delete(msg.id);
      if (msg.error) waiter.reject(new Error(msg.error.message));
      else waiter.resolve(msg.result);
    });
    ws.on('close', () => {
      for (const w of this.pending.values()) w.reject(new Error('DevTools socket closed'));
      this.pending.clear();
    });
  }

  static async connect(debugUrl: string): Promise<Cdp> {
    const version = (await (await fetch(`${debugUrl}/json/version`)).json()) as { webSocketDebuggerUrl: string };
    const ws = new WebSocket(version.webSocketDebuggerUrl, { perMessageDeflate: false });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new Cdp(ws);
  }

  send<T>(method: string, params: object = {}, sessionId?: string): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.ws.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    });
  }

  close(): void {
    this.ws.close();
  }
}

/**
 * Samples every `intervalMs` the used JS heap of every page and dedicated
 * worker whose URL starts with `origin`; `stop()` returns the samples.
 */
export async function sampleHeaps(
  debugUrl: string,
  origin: string,
  intervalMs: number,
): Promise<{ stop(): Promise<HeapSample[]> }> {
  const cdp = await Cdp.connect(debugUrl);
  const sessions = new Map<string, { sessionId: string; type: string }>();
  const samples: HeapSample[] = [];
  const began = Date.now();
  let failure: Error | null = null;

  const sampleOnce = async () => {
    const { targetInfos } = await cdp.send<{ targetInfos: TargetInfo[] }>('Target.getTargets');
    const wanted = targetInfos.filter((t) => (t.type === 'page' || t.type === 'worker') && t.url.startsWith(origin));
    let pageBytes = 0;
    let workerBytes = 0;
    let totalBytes = 0;
    let outsideBytes = 0;
    for (const t of wanted) {
      let session = sessions.get(t.targetId);
      if (!session) {
        const { sessionId } = await cdp
          .send<{ sessionId: string }>('Target.attachToTarget', { targetId: t.targetId, flatten: true })
          .catch(() => ({ sessionId: '' }));
        if (!sessionId) continue; // gone meanwhile
        session = { sessionId, type: t.type };
        sessions.set(t.targetId, session);
      }
      const usage = await cdp
        .send<{ usedSize: number; totalSize: number; embedderHeapUsedSize?: number; backingStorageSize?: number }>(
          'Runtime.getHeapUsage',
          {},
          session.sessionId,
        )
        .catch(() => null);
      if (!usage) continue; // the target closed between the two calls
      if (t.type === 'page') pageBytes += usage.usedSize;
      else workerBytes += usage.usedSize;
      totalBytes += usage.totalSize;
      outsideBytes += (usage.backingStorageSize ?? NaN) + (usage.embedderHeapUsedSize ?? NaN);
    }
    samples.push({ atMs: Date.now() - began, pageMiB: pageBytes / MiB, workerMiB: workerBytes / MiB, totalMiB: totalBytes / MiB,
      outsideHeapMiB: outsideBytes / MiB,
    });
  };

  let busy: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    busy = busy.then(sampleOnce).catch((err: unknown) => {
      failure ??= err instanceof Error ? err : new Error(String(err));
    });
  }, intervalMs);
  return {
    async stop() {
      clearInterval(timer);
      await busy;
      await sampleOnce().catch(() => undefined);
      cdp.close();
      if (failure) throw failure;
      return samples;
    },
  };
}

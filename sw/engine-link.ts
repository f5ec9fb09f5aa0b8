import { wrap, type Remote } from 'comlink';
import type { SwEngineApi, SwToPage } from '../app/shared/sw-contract';
import { markOnce } from '../app/shared/timing-marks';

declare let self: ServiceWorkerGlobalScope;

let engine: Remote<SwEngineApi> | null = null;
let waiting: ((engine: Remote<SwEngineApi>) => void)[] = [];

/** A page handed us a port to its engine worker. */
export function acceptEnginePort(port: MessagePort): void {
  markOnce('sw:engine-port');
  const next = wrap<SwEngineApi>(port);
  engine = next;
  for (const resolve of waiting) resolve(next);
  waiting = [];
}

/** The engine if a page has handed one over, without asking the pages. */
export function currentEngine(): Remote<SwEngineApi> | null {
  return engine;
}

/** Drop a port that stopped answering (its tab may be gone); the next call asks the pages again. */
export function forgetEngine(): void {
  engine = null;
}

export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | 'timeout'> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * The engine, or null when no open page can provide one in `timeoutMs`
 * (offline with no tab open, say). Never waits longer than that.
 */
export async function getEngine(timeoutMs: number): Promise<Remote<SwEngineApi> | null> {
  if (engine) return engine;
  const pages = await self.clients.matchAll({ type: 'window' });
  if (pages.length === 0) return null;
  const request: SwToPage = { type: 'engine-port-request' };
  const answer = new Promise<Remote<SwEngineApi>>((resolve) => waiting.push(resolve));
  for (const page of pages) page.postMessage(request);
  const result = await withTimeout(answer, timeoutMs);
  return result === 'timeout' ? null : result;
}

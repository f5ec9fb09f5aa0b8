import { transfer, type Remote } from 'comlink';
import { Workbox } from 'workbox-window';
import type { EngineApi } from '../../shared/engine-api';
import type { CacheAppRequest } from '../../shared/app-shell-contract';
import { isSwToPage, type ClaimRequest, type PageToSw } from '../../shared/sw-contract';
import { SERVICE_WORKER_URL } from '../../shared/early-start';
import { markOnce } from '../../shared/timing-marks';
import { whenQuiet } from '../lib/start-quiet';
import { appUpdate } from '../state/update.svelte';

/** The app's files are cached this long after the page is controlled, when idle and no video is starting (start-quiet.ts). */
const CACHE_APP_DELAY_MS = 1000;

/**
 * Gives the service worker a fresh port to the engine worker. The port goes
 * at once even while the engine is yet to start (offline, connect.ts): what
 * the service worker sends waits in it until the engine takes the other end.
 */
function handOverPort(engine: Promise<Remote<EngineApi>>, target: ServiceWorker): void {
  const channel = new MessageChannel();
  // An engine that failed to start says so on the page (connect.ts); the service worker's requests time out.
  engine.then((api) => api.connectServiceWorker(transfer(channel.port1, [channel.port1]))).catch(() => {});
  const message: PageToSw = { type: 'engine-port', port: channel.port2 };
  target.postMessage(message, [channel.port2]);
}

function controller(): Promise<ServiceWorker> {
  const current = navigator.serviceWorker.controller;
  if (current) return Promise.resolve(current);
  return new Promise((resolve) => {
    navigator.serviceWorker.addEventListener('controllerchange', function onChange() {
      const next = navigator.serviceWorker.controller;
      if (!next) return;
      navigator.serviceWorker.removeEventListener('controllerchange', onChange);
      resolve(next);
    });
  });
}

/**
 * Registers the service worker that answers /stream/ and connects it to the
 * engine. Resolves once it controls this page. The SW asks again for a port
 * whenever it has been restarted and lost the old one.
 */
export async function connectServiceWorker(engine: Promise<Remote<EngineApi>>): Promise<void> {
  if (!('serviceWorker' in navigator)) {
    throw new Error('This browser has no service workers, so it cannot stream. Try a current Chrome, Edge or Firefox.');
  }
  navigator.serviceWorker.addEventListener('message', (ev: MessageEvent) => {
    if (isSwToPage(ev.data) && ev.source instanceof ServiceWorker) handOverPort(engine, ev.source);
  });
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    const next = navigator.serviceWorker.controller;
    if (next) handOverPort(engine, next);
  });
  const wb = new Workbox(SERVICE_WORKER_URL, { scope: '/' });
  offerUpdates(wb);
  const registered = navigator.serviceWorker.controller !== null;
  // Not after 'load', Workbox's default: streaming waits for this worker to take control.
  await wb.register({ immediate: true });
  const ready = await navigator.serviceWorker.ready;
  if (!navigator.serviceWorker.controller) {
    const claim: ClaimRequest = { type: 'claim' };
    ready.active?.postMessage(claim);
  }
  const sw = await controller();
  markOnce('page:sw-controlled');
  setTimeout(() => whenQuiet(() => sw.postMessage({ type: 'cache-app' } satisfies CacheAppRequest)), CACHE_APP_DELAY_MS);
  // A page that was controlled from the start gets no controllerchange.
  if (registered) handOverPort(engine, sw);
}

/** A new version waits (see sw/sw.ts) until the user chooses to reload into it. */
function offerUpdates(wb: Workbox): void {
  // Browsers look for a new sw.js on navigations only; this single-page app rarely navigates.
  document.addEventListener('visibilitychange', () => {
    // Offline, the check fails; the next one will do.
    if (document.visibilityState === 'visible') wb.update().catch(() => {});
  });
  wb.addEventListener('waiting', () => {
    appUpdate.offer(() => {
      wb.addEventListener('controlling', () => location.reload());
      wb.messageSkipWaiting();
    });
  });
}

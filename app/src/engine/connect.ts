import { transfer, wrap, type Remote } from 'comlink';
import { isEnginePortMessage, type EngineApi } from '../../shared/engine-api';
import { streamPath } from '../../shared/stream-url';
import { markOnce } from '../../shared/timing-marks';
import { takeEarlyEngine } from './early-engine';
import { engineConfigNow, loadEngineConfig } from './config';
import { readStoredSettings } from './settings-storage';
import { startRtcHost } from './rtc-host';
import { connectServiceWorker } from './service-worker';
import { parseRoute } from '../lib/routes';
import { offersAhead } from '../../shared/tcp-swarm';
import { whenQuiet } from '../lib/start-quiet';

/**
 * Offline, the engine has no peer to reach, and its start (compiling
 * webtorrent, resuming torrents: ~100 ms of CPU) took a core from a stored
 * video starting: measured (bench/ab-offline.ts, 8 runs each), file link to
 * first frame 370 -> 274 ms median with the start deferred. It starts once the page is quiet, at most a few
 * seconds late, or the moment the browser is back online.
 */
const OFFLINE_START_DELAY_MS = 1000;
const OFFLINE_MAX_HOLD_MS = 2000;

export interface EngineConnection {
  /** Calls may go at once: the engine takes them after its start, and fails them if it failed. */
  api: Remote<EngineApi>;
  /** Settles once the engine has started (its stored torrents back); rejects with why it could not. */
  started: Promise<void>;
  /** Resolves once a service worker controls the page and can reach the engine: only then do /stream/ URLs work. */
  streamingReady: Promise<void>;
  /** Held for the page's life: the calls go over a port, and nothing else would keep the worker itself. */
  worker: Worker;
}

function missingFeature(): string | null {
  if (typeof Worker === 'undefined') return 'Web Workers';
  if (typeof indexedDB === 'undefined') return 'IndexedDB storage';
  if (typeof RTCPeerConnection === 'undefined') return 'WebRTC';
  return null;
}

interface StartedWorker {
  worker: Worker;
  /** The port the engine serves its API on (EnginePortMessage), once it has sent it. */
  port: Promise<MessagePort>;
  failed: Promise<never>;
}

function startWorker(early = takeEarlyEngine()): StartedWorker {
  const worker =
    early?.worker ?? new Worker(new URL('../../engine/worker.ts', import.meta.url), { type: 'module', name: 'engine' });
  const port = new Promise<MessagePort>((resolve) => {
    if (early?.port) resolve(early.port);
    worker.addEventListener('message', (ev: MessageEvent) => {
      if (isEnginePortMessage(ev.data)) resolve(ev.data.port);
    });
  });
  const failed = new Promise<never>((_, reject) => {
    const fail = (message: string) =>
      reject(new Error(`The torrent engine failed to start: ${message || 'unknown error'}.`));
    if (early?.error) fail(early.error);
    worker.addEventListener('error', (ev) => fail(ev.message));
  });
  // Either can be left unawaited when the other settles first.
  failed.catch(() => {});
  return { worker, port, failed };
}

/** The engine worker: index.html's if it started one, else one started now or, offline, later. */
function engineWorker(): Promise<StartedWorker> {
  const early = takeEarlyEngine();
  if (early || navigator.onLine) return Promise.resolve(startWorker(early));
  return new Promise((resolve) => {
    let cancelQuiet: (() => void) | null = null;
    const start = (): void => {
      clearTimeout(timer);
      cancelQuiet?.();
      removeEventListener('online', start);
      resolve(startWorker());
    };
    const timer = setTimeout(() => (cancelQuiet = whenQuiet(start, { maxHoldMs: OFFLINE_MAX_HOLD_MS })), OFFLINE_START_DELAY_MS);
    addEventListener('online', start);
  });
}

async function open(): Promise<EngineConnection> {
  const missing = missingFeature();
  if (missing) throw new Error(`This browser lacks ${missing}, which the app needs. Try a current Chrome, Edge or Firefox.`);
  markOnce('page:engine-open');
  const rtc = new MessageChannel();
  const rtcHost = startRtcHost(rtc.port1);
  // A link being added announces as soon as the engine has it: its offers are made meanwhile, from
  // here if the config is in, before this page first renders (which holds up each of their steps).
  const route = parseRoute(new URL(location.href));
  const warmOffers = route.name === 'add' && offersAhead(route.uri);
  const known = warmOffers ? engineConfigNow() : null;
  if (known) rtcHost.warm({ iceServers: known.iceServers });
  const started = engineWorker();
  // The root proxy is not thenable (comlink), so it can be a promise's value.
  const engine = started.then(({ port, failed }) => Promise.race([port, failed]).then((p) => wrap<EngineApi>(p)));
  // Stored files play through the service worker without the engine, so it
  // connects while the engine starts (or waits to) instead of after.
  const streamingReady = connectServiceWorker(engine);
  // Callers await it when they need it; keep a rejection from going unhandled meanwhile.
  streamingReady.catch(() => {});
  const { worker, failed } = await started;
  const api = await engine;
  // The user's saved settings ride along; the engine lays them over the server's config.
  const config = { ...(await loadEngineConfig()), settings: readStoredSettings() };
  markOnce('page:config');
  if (warmOffers) rtcHost.warm({ iceServers: config.iceServers });
  // Not awaited: what the page asks next (subscribe, list, a link's add) follows it at once.
  const engineStarted = Promise.race([api.start(config, transfer(rtc.port2, [rtc.port2])), failed]).then(() =>
    markOnce('page:engine-started'),
  );
  engineStarted.catch(() => {});
  return { api, started: engineStarted, streamingReady, worker };
}

let opening: Promise<EngineConnection> | null = null;

/** The one engine of this page, started on first use; resolves once it has started. */
export async function connectEngine(): Promise<EngineConnection> {
  const connection = await engineStarting();
  await connection.started;
  return connection;
}

/** The same engine as soon as its start is on its way: calls made then run right after it. */
export function engineStarting(): Promise<EngineConnection> {
  opening ??= open();
  return opening;
}

export function streamUrl(infoHash: string, file: { index: number; name: string }): string {
  return streamPath(infoHash, file);
}

import { transfer, wrap, type Remote } from 'comlink';
import type { EngineApi } from '../../shared/engine-api';
import { streamPath } from '../../shared/stream-url';
import { markOnce } from '../../shared/timing-marks';
import { takeEarlyEngine } from './early-engine';
import { loadEngineConfig } from './config';
import { readStoredSettings } from './settings-storage';
import { startRtcHost } from './rtc-host';
import { connectServiceWorker } from './service-worker';

export interface EngineConnection {
  api: Remote<EngineApi>;
  /** Resolves once a service worker controls the page and can reach the engine: only then do /stream/ URLs work. */
  streamingReady: Promise<void>;
}

function missingFeature(): string | null {
  if (typeof Worker === 'undefined') return 'Web Workers';
  if (typeof indexedDB === 'undefined') return 'IndexedDB storage';
  if (typeof RTCPeerConnection === 'undefined') return 'WebRTC';
  return null;
}

function startWorker(): { worker: Worker; failed: Promise<never> } {
  const early = takeEarlyEngine();
  const worker =
    early?.worker ?? new Worker(new URL('../../engine/worker.ts', import.meta.url), { type: 'module', name: 'engine' });
  const failed = new Promise<never>((_, reject) => {
    const fail = (message: string) =>
      reject(new Error(`The torrent engine failed to start: ${message || 'unknown error'}.`));
    if (early?.error) fail(early.error);
    worker.addEventListener('error', (ev) => fail(ev.message));
  });
  return { worker, failed };
}

async function open(): Promise<EngineConnection> {
  const missing = missingFeature();
  if (missing) throw new Error(`This browser lacks ${missing}, which the app needs. Try a current Chrome, Edge or Firefox.`);
  markOnce('page:engine-open');
  const { worker, failed } = startWorker();
  const api = wrap<EngineApi>(worker);
  const rtc = new MessageChannel();
  startRtcHost(rtc.port1);
  // Stored files play through the service worker without the engine, so it
  // connects while the engine starts instead of after.
  const streamingReady = connectServiceWorker(api);
  // Callers await it when they need it; keep a rejection from going unhandled meanwhile.
  streamingReady.catch(() => {});
  // The user's saved settings ride along; the engine lays them over the server's config.
  const config = { ...(await loadEngineConfig()), settings: readStoredSettings() };
  markOnce('page:config');
  await Promise.race([api.start(config, transfer(rtc.port2, [rtc.port2])), failed]);
  markOnce('page:engine-started');
  return { api, streamingReady };
}

let connection: Promise<EngineConnection> | null = null;

/** The one engine of this page, started on first use. */
export function connectEngine(): Promise<EngineConnection> {
  connection ??= open();
  return connection;
}

export function streamUrl(infoHash: string, file: { index: number; name: string }): string {
  return streamPath(infoHash, file);
}

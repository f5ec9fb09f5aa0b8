import { EARLY_CONFIG_GLOBAL, ENGINE_CONFIG_URL, type EarlyConfig } from '../../shared/early-start';
import type { EngineConfig, IceServer } from '../../shared/engine-api';
import { orAfter } from '../../shared/or-after';

const CONFIG_TIMEOUT_MS = 3000;

/** This server's own tracker, which every torrent uses besides its own. */
function ownTracker(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/announce`;
}

function isIceServer(v: unknown): v is IceServer {
  const urls = (v as { urls?: unknown } | null)?.urls;
  return typeof urls === 'string' || (Array.isArray(urls) && urls.every((u) => typeof u === 'string'));
}

/**
 * The engine's settings from a /api/config body. Without one (offline, or a
 * server without it), the app's own tracker, no ICE servers, and the app's
 * own origin as the bridge.
 */
export function configFrom(body: unknown): EngineConfig {
  const fallback: EngineConfig = { announce: [ownTracker()], iceServers: [], bridge: location.origin };
  if (typeof body !== 'object' || body === null) return fallback;
  const fields = body as { announce?: unknown; iceServers?: unknown; bridge?: unknown };
  const announce = Array.isArray(fields.announce) ? fields.announce.filter((a): a is string => typeof a === 'string') : [];
  const iceServers = Array.isArray(fields.iceServers) ? fields.iceServers.filter(isIceServer) : [];
  // The server says `bridge: null` when it runs without one.
  const bridge = fields.bridge === null ? null : typeof fields.bridge === 'string' ? fields.bridge : fallback.bridge;
  return { announce: announce.length > 0 ? announce : fallback.announce, iceServers, bridge };
}

function earlyConfig(): EarlyConfig | undefined {
  return (globalThis as unknown as Record<string, EarlyConfig | undefined>)[EARLY_CONFIG_GLOBAL];
}

/** The config, if index.html's request for it has already come back: no wait for a task. */
export function engineConfigNow(): EngineConfig | null {
  const body = earlyConfig()?.body;
  return navigator.onLine && body ? configFrom(body) : null;
}

async function fetchConfigBody(): Promise<unknown> {
  try {
    const response = await fetch(ENGINE_CONFIG_URL, { signal: AbortSignal.timeout(CONFIG_TIMEOUT_MS) });
    return response.ok ? await response.json() : null;
  } catch {
    return null;
  }
}

/** The engine's settings from the server's /api/config: index.html's request for it, else one made now. */
export async function loadEngineConfig(): Promise<EngineConfig> {
  // Offline there is nothing to ask; don't hold up the start on a request that cannot succeed.
  if (!navigator.onLine) return configFrom(null);
  const early = earlyConfig();
  return configFrom(early ? await orAfter(early.done, CONFIG_TIMEOUT_MS, null) : await fetchConfigBody());
}

import { ENGINE_CONFIG_URL } from '../../shared/early-start';
import type { EngineConfig, IceServer } from '../../shared/engine-api';

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
 * The engine's settings from the server's /api/config. Offline, or against a
 * server without it, the app's own tracker, no ICE servers, and the app's own
 * origin as the bridge are used.
 */
export async function loadEngineConfig(): Promise<EngineConfig> {
  const fallback: EngineConfig = { announce: [ownTracker()], iceServers: [], bridge: location.origin };
  // Offline there is nothing to ask; don't hold up the start on a request that cannot succeed.
  if (!navigator.onLine) return fallback;
  try {
    // Same URL and mode as index.html's preload of it, so the browser hands that response over.
    const response = await fetch(ENGINE_CONFIG_URL, { signal: AbortSignal.timeout(CONFIG_TIMEOUT_MS) });
    if (!response.ok) return fallback;
    const body = (await response.json()) as { announce?: unknown; iceServers?: unknown; bridge?: unknown };
    const announce = Array.isArray(body.announce) ? body.announce.filter((a): a is string => typeof a === 'string') : [];
    const iceServers = Array.isArray(body.iceServers) ? body.iceServers.filter(isIceServer) : [];
    // The server says `bridge: null` when it runs without one.
    const bridge = body.bridge === null ? null : typeof body.bridge === 'string' ? body.bridge : fallback.bridge;
    return { announce: announce.length > 0 ? announce : fallback.announce, iceServers, bridge };
  } catch {
    return fallback;
  }
}

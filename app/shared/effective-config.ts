import { decode, encode } from 'magnet-uri';
import { DEFAULT_SETTINGS, type EngineConfig } from './engine-api';
import { isWebSocketTracker } from './settings-input';

/** What the engine runs with once the user's settings are laid over the server's config. */
export interface EffectiveConfig {
  /** Trackers the browser announces to itself: the server's, then the user's WebSocket ones. */
  announce: string[];
  /** The bridge's base URL, or null when there is none or the user turned it off. */
  bridge: string | null;
  /** The user's http(s) trackers, which only the bridge can reach: it is told them on join. */
  bridgeTrackers: string[];
}

export function effectiveConfig(config: EngineConfig): EffectiveConfig {
  const settings = config.settings ?? DEFAULT_SETTINGS;
  const bridge = settings.bridge === 'default' ? config.bridge : settings.bridge === 'off' ? null : settings.bridge;
  const own = settings.extraTrackers.filter(isWebSocketTracker);
  return {
    announce: [...new Set([...config.announce, ...own])],
    bridge,
    bridgeTrackers: bridge ? settings.extraTrackers.filter((t) => !isWebSocketTracker(t)) : [],
  };
}

/** The magnet with the extra trackers added, for the bridge to announce to as well. */
export function withTrackers(magnetURI: string, trackers: string[]): string {
  if (trackers.length === 0) return magnetURI;
  const { infoHash, name, announce } = decode(magnetURI);
  if (!infoHash) return magnetURI;
  return encode({ infoHash, ...(name ? { name } : {}), announce: [...new Set([...announce, ...trackers])] });
}

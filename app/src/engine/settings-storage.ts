import type { EngineSettings } from '../../shared/engine-api';
import { ownBridgeCookie } from '../../shared/own-bridge-cookie';
import { parseStoredSettings } from '../../shared/settings';

/** The page owns the user's settings; the engine gets them at start and on every save. */
const KEY = 'btstream:settings';

export function readStoredSettings(): EngineSettings {
  try {
    const raw = localStorage.getItem(KEY);
    const settings = parseStoredSettings(raw === null ? null : JSON.parse(raw));
    // For settings saved before the cookie existed; saves keep it in step.
    if (settings.bridge !== 'default') document.cookie = ownBridgeCookie(settings.bridge);
    return settings;
  } catch {
    // Unreadable (bad JSON, storage blocked): the defaults, as for a first visit.
    return parseStoredSettings(null);
  }
}

/** Throws when the browser refuses to store them (e.g. storage blocked). */
export function writeStoredSettings(settings: EngineSettings): void {
  localStorage.setItem(KEY, JSON.stringify(settings));
  document.cookie = ownBridgeCookie(settings.bridge);
}

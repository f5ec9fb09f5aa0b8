import type { EngineSettings } from '../../shared/engine-api';
import { ownBridgeCookie } from '../../shared/own-bridge-cookie';
import { parseStoredSettings } from '../../shared/settings';

/** The page owns the user's settings; the engine gets them at start and on every save. */
const KEY = 'btstream:settings';

export function readStoredSettings(): EngineSettings {
  let settings: EngineSettings;
  try {
    const raw = localStorage.getItem(KEY);
    settings = parseStoredSettings(raw === null ? null : JSON.parse(raw));
  } catch {
    // Unreadable (bad JSON, storage blocked): the defaults, as for a first visit.
    return parseStoredSettings(null);
  }
  // For settings saved before the cookie existed; saves keep it in step.
  if (settings.bridge !== 'default') syncOwnBridgeCookie(settings.bridge);
  return settings;
}

/** Throws when the browser refuses to store them (e.g. storage blocked). */
export function writeStoredSettings(settings: EngineSettings): void {
  localStorage.setItem(KEY, JSON.stringify(settings));
  syncOwnBridgeCookie(settings.bridge);
}

/** Only a hint to the server (no early join on /add), so a browser refusing cookies changes nothing else. */
function syncOwnBridgeCookie(bridgeSetting: string): void {
  try {
    document.cookie = ownBridgeCookie(bridgeSetting);
  } catch {
    // e.g. a sandboxed frame: the server then joins on /add as for the default.
  }
}

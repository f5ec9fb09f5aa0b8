import type { EngineSettings } from '../../shared/engine-api';
import { parseStoredSettings } from '../../shared/settings';

/** The page owns the user's settings; the engine gets them at start and on every save. */
const KEY = 'btstream:settings';

export function readStoredSettings(): EngineSettings {
  try {
    const raw = localStorage.getItem(KEY);
    return parseStoredSettings(raw === null ? null : JSON.parse(raw));
  } catch {
    // Unreadable (bad JSON, storage blocked): the defaults, as for a first visit.
    return parseStoredSettings(null);
  }
}

/** Throws when the browser refuses to store them (e.g. storage blocked). */
export function writeStoredSettings(settings: EngineSettings): void {
  localStorage.setItem(KEY, JSON.stringify(settings));
}

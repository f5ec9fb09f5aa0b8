import { DEFAULT_SETTINGS, type EngineSettings } from './engine-api';
import { InputError } from './input';
import {
  amountIn,
  isWebSocketTracker,
  MAX_CONNECTIONS,
  MIN_CONNECTIONS,
  parseAmount,
  parseBridgeUrl,
  parseConnections,
  parseTrackerUrl,
  RATE_UNITS,
  SIZE_UNITS,
  type RateUnit,
  type SizeUnit,
} from './settings-input';

/** The Settings page's fields as typed: strings, and the units picked beside them. */
export interface SettingsForm {
  /** One tracker URL per line. */
  extraTrackers: string;
  bridge: 'default' | 'off' | 'custom';
  bridgeUrl: string;
  downloadLimit: string;
  downloadUnit: RateUnit;
  uploadLimit: string;
  uploadUnit: RateUnit;
  maxConnections: string;
  storageQuota: string;
  storageUnit: SizeUnit;
}

export type SettingsField = 'extraTrackers' | 'bridgeUrl' | 'downloadLimit' | 'uploadLimit' | 'maxConnections' | 'storageQuota';
export type SettingsErrors = Partial<Record<SettingsField, string>>;
export type SettingsOutcome = { ok: true; settings: EngineSettings } | { ok: false; errors: SettingsErrors };

/** Checks every field; the outcome has either the settings or a message per bad field. */
export function readSettingsForm(form: SettingsForm): SettingsOutcome {
  const errors: SettingsErrors = {};
  const field = <T>(name: SettingsField, parse: () => T, fallback: T): T => {
    try {
      return parse();
    } catch (err) {
      if (!(err instanceof InputError)) throw err;
      errors[name] = err.message;
      return fallback;
    }
  };
  const bridge = form.bridge === 'custom' ? field('bridgeUrl', () => parseBridgeUrl(form.bridgeUrl), '') : form.bridge;
  const extraTrackers = field('extraTrackers', () => trackersOf(form.extraTrackers, bridge !== 'off'), []);
  const settings: EngineSettings = {
    extraTrackers,
    bridge,
    downloadLimit: field('downloadLimit', () => parseAmount(form.downloadLimit, form.downloadUnit, RATE_UNITS, '500 KB/s'), null),
    uploadLimit: field('uploadLimit', () => parseAmount(form.uploadLimit, form.uploadUnit, RATE_UNITS, '500 KB/s'), null),
    maxConnections: field('maxConnections', () => parseConnections(form.maxConnections), 0),
    storageQuota: field('storageQuota', () => parseAmount(form.storageQuota, form.storageUnit, SIZE_UNITS, '2 GB'), null),
  };
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, settings };
}

/** The form showing `settings`, each size in the largest unit that fits. */
export function settingsForm(settings: EngineSettings): SettingsForm {
  const rate = (bytes: number | null) => (bytes === null ? { value: '', unit: 'KB/s' as const } : amountIn(bytes, RATE_UNITS));
  const down = rate(settings.downloadLimit);
  const up = rate(settings.uploadLimit);
  const quota = settings.storageQuota === null ? { value: '', unit: 'GB' as const } : amountIn(settings.storageQuota, SIZE_UNITS);
  const custom = settings.bridge !== 'default' && settings.bridge !== 'off';
  return {
    extraTrackers: settings.extraTrackers.join('\n'),
    bridge: custom ? 'custom' : (settings.bridge as 'default' | 'off'),
    bridgeUrl: custom ? settings.bridge : '',
    downloadLimit: down.value,
    downloadUnit: down.unit,
    uploadLimit: up.value,
    uploadUnit: up.unit,
    maxConnections: String(settings.maxConnections),
    storageQuota: quota.value,
    storageUnit: quota.unit,
  };
}

/**
 * Settings read back from storage. Anything missing, of an old shape or
 * invalid falls back to its default, field by field.
 */
export function parseStoredSettings(value: unknown): EngineSettings {
  const stored = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const or = <T>(parse: () => T, fallback: T): T => {
    try {
      return parse();
    } catch {
      return fallback;
    }
  };
  const trackers = Array.isArray(stored.extraTrackers) ? stored.extraTrackers : [];
  return {
    extraTrackers: trackers.flatMap((t) => (typeof t === 'string' ? or(() => [parseTrackerUrl(t)], []) : [])),
    bridge: or(() => storedBridge(stored.bridge), DEFAULT_SETTINGS.bridge),
    downloadLimit: storedBytes(stored.downloadLimit),
    uploadLimit: storedBytes(stored.uploadLimit),
    maxConnections: isCount(stored.maxConnections) ? stored.maxConnections : DEFAULT_SETTINGS.maxConnections,
    storageQuota: storedBytes(stored.storageQuota),
  };
}

/** A size as the Settings page shows it, e.g. "2 GB", "500 MB". */
export function describeSize(bytes: number): string {
  const { value, unit } = amountIn(bytes, SIZE_UNITS);
  return `${value} ${unit}`;
}

function trackersOf(text: string, bridgeOn: boolean): string[] {
  const trackers = [...new Set(text.split(/[\s,]+/).filter(Boolean).map(parseTrackerUrl))];
  const needsBridge = trackers.find((t) => !isWebSocketTracker(t));
  if (needsBridge && !bridgeOn) {
    throw new InputError(`"${needsBridge}" can only be reached through the bridge, which is off. Use a wss:// tracker or turn the bridge on.`);
  }
  return trackers;
}

function storedBridge(value: unknown): EngineSettings['bridge'] {
  if (value === 'default' || value === 'off') return value;
  if (typeof value !== 'string') throw new TypeError('not a bridge');
  return parseBridgeUrl(value);
}

function storedBytes(value: unknown): number | null {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0 ? value : null;
}

function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= MIN_CONNECTIONS && value <= MAX_CONNECTIONS;
}

import { InputError } from './input';

/**
 * Checks for single Settings fields. Each returns the normalised value or
 * throws InputError with a message for the person who typed it.
 */

/** Binary units, as the rest of the app shows sizes (format.ts). */
export const RATE_UNITS = { 'KB/s': 1024, 'MB/s': 1024 ** 2 } as const;
export const SIZE_UNITS = { MB: 1024 ** 2, GB: 1024 ** 3 } as const;
export type RateUnit = keyof typeof RATE_UNITS;
export type SizeUnit = keyof typeof SIZE_UNITS;

export const MIN_CONNECTIONS = 1;
export const MAX_CONNECTIONS = 200;

/** Trackers the browser reaches itself: WebSocket ones. http(s) ones only through the bridge. */
export function isWebSocketTracker(url: string): boolean {
  return /^wss?:\/\//i.test(url);
}

export function parseTrackerUrl(raw: string): string {
  const text = raw.trim();
  const url = parseUrl(text);
  if (url?.protocol === 'udp:') {
    throw new InputError(`"${text}" is a UDP tracker, which browsers cannot reach. Use a wss:// or https:// tracker.`);
  }
  if (!url || !['ws:', 'wss:', 'http:', 'https:'].includes(url.protocol) || url.hostname === '') {
    throw new InputError(`"${text}" is not a tracker address. It should start with wss://, ws://, https:// or http://.`);
  }
  return url.href;
}

/** A bridge's base URL, without a trailing slash. */
export function parseBridgeUrl(raw: string): string {
  const text = raw.trim();
  const url = parseUrl(text);
  if (!url || !['http:', 'https:'].includes(url.protocol) || url.hostname === '') {
    throw new InputError("Enter the bridge's address, starting with https:// or http://.");
  }
  if (url.search || url.hash) throw new InputError("The bridge's address cannot have a ? or # part.");
  return url.href.replace(/\/+$/, '');
}

const AMOUNT = /^(\d+(?:\.\d+)?|\.\d+)\s*([a-z]+(?:\/s)?)?$/i;

/**
 * A number with an optional unit typed after it ("1.5", "1.5 MB/s"); the
 * unit picked beside the field applies when none is typed. Empty is null.
 */
export function parseAmount<U extends string>(raw: string, unit: U, units: Record<U, number>, example: string): number | null {
  const text = raw.trim();
  if (text === '') return null;
  const match = AMOUNT.exec(text);
  const typedUnit = match?.[2] ? findUnit(match[2], units) : unit;
  if (!match || typedUnit === undefined) throw new InputError(`Enter a number like ${example}, or leave it empty.`);
  const bytes = Math.round(Number(match[1]) * units[typedUnit]);
  const smallest = Object.keys(units)[0] as U;
  if (bytes < units[smallest]) throw new InputError(`The smallest value is 1 ${smallest}.`);
  return bytes;
}

export function parseConnections(raw: string): number {
  const text = raw.trim();
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < MIN_CONNECTIONS || value > MAX_CONNECTIONS) {
    throw new InputError(`Enter a whole number from ${MIN_CONNECTIONS} to ${MAX_CONNECTIONS}.`);
  }
  return value;
}

/** The largest unit that shows `bytes` as at least 1, e.g. 1.5 GiB as { value: '1.5', unit: 'GB' }. */
export function amountIn<U extends string>(bytes: number, units: Record<U, number>): { value: string; unit: U } {
  const names = Object.keys(units) as U[];
  const unit = [...names].reverse().find((name) => bytes >= units[name]) ?? names[0]!;
  const value = Math.round((bytes / units[unit]) * 100) / 100;
  return { value: String(value), unit };
}

function findUnit<U extends string>(typed: string, units: Record<U, number>): U | undefined {
  const wanted = typed.toLowerCase().replace(/\/s$/, '');
  return (Object.keys(units) as U[]).find((name) => name.toLowerCase().replace(/\/s$/, '') === wanted);
}

function parseUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}

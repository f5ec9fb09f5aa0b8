import type { TorrentState } from '../../shared/engine-api';

const UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'] as const;

/**
 * Bytes in binary units, about three significant digits: "0 B", "1.5 MB",
 * "15.2 MB", "152 MB". Anything that is not a non-negative number reads "0 B".
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes <= 0) return '0 B';
  let value = bytes;
  let unit = 0;
  // Compare the rounded value so 1023.96 KB becomes "1.0 MB", not "1024 KB".
  while (unit < UNITS.length - 1 && round(value, unit) >= 1024) {
    value /= 1024;
    unit++;
  }
  return `${show(value, unit)} ${UNITS[unit]}`;
}

/** Bytes per second, e.g. "1.5 MB/s". */
export function formatSpeed(bytesPerSecond: number): string {
  return `${formatBytes(bytesPerSecond)}/s`;
}

/**
 * A 0..1 fraction as a whole percentage. Rounds down, so "100%" only ever
 * means finished.
 */
export function formatPercent(fraction: number): string {
  if (!Number.isFinite(fraction) || fraction <= 0) return '0%';
  if (fraction >= 1) return '100%';
  return `${Math.floor(fraction * 100)}%`;
}

export function formatPeers(count: number): string {
  return count === 1 ? '1 peer' : `${count} peers`;
}

const STATE_LABELS: Record<TorrentState, string> = {
  metadata: 'Fetching metadata',
  checking: 'Checking',
  downloading: 'Downloading',
  seeding: 'Seeding',
  paused: 'Paused',
  error: 'Error',
};

/** Time left, in the largest two units that matter: "3 h 20 min", "45 s". */
export function formatEta(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds)) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ${m % 60} min`;
  return `${Math.round(h / 24)} days`;
}

export function formatRatio(ratio: number | null): string {
  return ratio === null ? '—' : ratio.toFixed(2);
}

export function formatState(state: TorrentState): string {
  return STATE_LABELS[state];
}

function show(value: number, unit: number): string {
  if (unit === 0) return String(Math.round(value));
  return value < 100 ? value.toFixed(1) : value.toFixed(0);
}

function round(value: number, unit: number): number {
  return Number(show(value, unit));
}

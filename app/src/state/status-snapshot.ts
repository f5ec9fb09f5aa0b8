import { STATUS_SNAPSHOT_PREFIX } from '../../shared/early-start';
import type { TorrentStatus } from '../../shared/engine-api';
import { mainMediaFile } from '../../shared/main-file';

/**
 * The last status a torrent's page showed, kept in localStorage so the page
 * (and the player it was showing) can render on the first frame of a reload,
 * before IndexedDB answers (measured: ~60 ms). A torrent's files never change
 * for its info hash; the progress shown is replaced as soon as that read lands.
 */
const PREFIX = STATUS_SNAPSHOT_PREFIX;
/** Torrents with more files are read from IndexedDB only: the snapshot would be large. */
const MAX_FILES = 500;
/** Snapshots kept; the oldest go first. */
const MAX_SNAPSHOTS = 30;

interface Snapshot {
  savedAt: number;
  status: TorrentStatus;
  /** For index.html's early script (app/shared/early-start.ts), which Play on the page opens: main-file.ts. */
  mainFile: number | null;
}

function parse(raw: string | null): Snapshot | null {
  if (!raw) return null;
  try {
    const snap = JSON.parse(raw) as Partial<Snapshot> | null;
    const status = snap?.status;
    if (!status || typeof status.infoHash !== 'string' || !Array.isArray(status.files)) return null;
    return { savedAt: Number(snap.savedAt) || 0, status, mainFile: typeof snap.mainFile === 'number' ? snap.mainFile : null };
  } catch {
    return null;
  }
}

export function readSnapshot(infoHash: string, storage: Storage = localStorage): TorrentStatus | undefined {
  const snap = parse(storage.getItem(PREFIX + infoHash));
  return snap?.status.infoHash === infoHash ? snap.status : undefined;
}

/** Keeps a status that has its files; never throws (a full or disabled storage just keeps nothing). */
export function writeSnapshot(status: TorrentStatus, storage: Storage = localStorage, now = Date.now()): void {
  if (status.files.length === 0 || status.files.length > MAX_FILES) return;
  try {
    const main = mainMediaFile(status.files);
    const snapshot: Snapshot = { savedAt: now, status, mainFile: main === null ? null : (status.files[main]?.index ?? null) };
    storage.setItem(PREFIX + status.infoHash, JSON.stringify(snapshot));
    prune(storage);
  } catch {
    // Quota or privacy mode: the page reads IndexedDB as before.
  }
}

export function forgetSnapshot(infoHash: string, storage: Storage = localStorage): void {
  storage.removeItem(PREFIX + infoHash);
}

function prune(storage: Storage): void {
  const kept: { key: string; savedAt: number }[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key?.startsWith(PREFIX)) kept.push({ key, savedAt: parse(storage.getItem(key))?.savedAt ?? 0 });
  }
  kept.sort((a, b) => b.savedAt - a.savedAt);
  for (const { key } of kept.slice(MAX_SNAPSHOTS)) storage.removeItem(key);
}

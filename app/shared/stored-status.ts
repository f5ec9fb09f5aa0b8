import type { TorrentRecord } from './db';
import type { TorrentStatus } from './engine-api';
import { libraryEntry } from './library';

/** A status's transfer fields for a torrent the engine is not running yet: nothing moving, no peers. */
export const NOT_TRANSFERRING = {
  uploaded: 0,
  downloadSpeed: 0,
  uploadSpeed: 0,
  numPeers: 0,
  eta: null,
  ratio: null,
  error: null,
} as const satisfies Partial<TorrentStatus>;

/**
 * A torrent's status from IndexedDB alone: its name, files and how much of
 * each is stored. The torrent page shows it until the engine lists its
 * torrents (its worker takes 0.2-0.5 s to start), so stored files can be
 * played at once: the service worker serves them without the engine.
 * 'checking' is what the engine does first with stored pieces.
 */
export function storedStatus(record: TorrentRecord, storedIndexes: Iterable<number>): TorrentStatus {
  const entry = libraryEntry(record, storedIndexes);
  return {
    infoHash: record.infoHash,
    name: record.meta?.name ?? record.displayName,
    magnetURI: record.magnetURI,
    length: entry.length,
    state: record.paused ? 'paused' : 'checking',
    progress: entry.length ? entry.stored / entry.length : 0,
    downloaded: entry.stored,
    ...NOT_TRANSFERRING,
    files: entry.files.map((file) => ({
      index: file.index,
      name: file.name,
      path: file.path,
      length: file.length,
      mimeType: file.mimeType,
      progress: file.length > 0 ? file.stored / file.length : 1,
      priority: record.filePriorities?.[file.index] ?? 'normal',
    })),
    addedAt: record.addedAt,
  };
}

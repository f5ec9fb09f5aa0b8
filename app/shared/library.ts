import type { TorrentRecord } from './db';
import { pieceSize, storedBytes } from './pieces';

export interface LibraryFile {
  index: number;
  name: string;
  path: string;
  length: number;
  mimeType: string;
  /** Bytes of this file held in IndexedDB. */
  stored: number;
  /** Every byte is stored: it plays with no network and no peers. */
  offline: boolean;
}

export interface LibraryEntry {
  infoHash: string;
  name: string;
  /** Null until the metadata is known. */
  length: number | null;
  /** Bytes of verified pieces held in IndexedDB. */
  stored: number;
  files: LibraryFile[];
  addedAt: number;
}

/** What IndexedDB holds of one torrent, from its record and its stored piece indexes. */
export function libraryEntry(record: TorrentRecord, storedIndexes: Iterable<number>): LibraryEntry {
  const meta = record.meta;
  const name = meta?.name ?? record.displayName ?? record.infoHash;
  if (!meta) return { infoHash: record.infoHash, name, length: null, stored: 0, files: [], addedAt: record.addedAt };
  const geometry = { pieceLength: meta.pieceLength, length: meta.length };
  const have = new Set(storedIndexes);
  let stored = 0;
  for (const index of have) stored += pieceSize(geometry, index);
  const files = meta.files.map((file) => {
    const bytes = storedBytes(geometry, file.offset, file.length, (i) => have.has(i));
    return {
      index: file.index,
      name: file.name,
      path: file.path,
      length: file.length,
      mimeType: file.mimeType,
      stored: bytes,
      offline: bytes === file.length,
    };
  });
  return { infoHash: record.infoHash, name, length: meta.length, stored, files, addedAt: record.addedAt };
}

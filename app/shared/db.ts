import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { FilePriority } from './engine-api';
import type { PieceKey } from './piece-runs';

/** One file of a torrent, with its byte offset inside the whole torrent. */
export interface StoredFile {
  index: number;
  name: string;
  path: string;
  length: number;
  offset: number;
  mimeType: string;
}

/** What the service worker needs to map file bytes onto pieces. */
export interface TorrentMeta {
  name: string;
  length: number;
  pieceLength: number;
  lastPieceLength: number;
  pieceCount: number;
  files: StoredFile[];
  /** The bencoded .torrent, so the torrent can be re-added without peers. */
  torrentFile: ArrayBuffer;
}

export interface TorrentRecord {
  infoHash: string;
  magnetURI: string;
  /** Name from the magnet's dn= before metadata arrives. */
  displayName: string | null;
  addedAt: number;
  /** Null until the engine has the metadata. */
  meta: TorrentMeta | null;
  /** Set by the user; absent in records from before pausing existed. */
  paused?: boolean;
  /** Per file index; absent or missing entries mean 'normal'. */
  filePriorities?: FilePriority[];
  /** Bytes moved in earlier sessions, for the lifetime ratio. */
  uploadedBefore?: number;
  downloadedBefore?: number;
}

export interface BtDb extends DBSchema {
  torrents: { key: string; value: TorrentRecord };
  /**
   * Only verified pieces are ever written here, so the keys for one info hash
   * are that torrent's set of verified pieces: one piece, or a run of them (piece-runs.ts).
   * A Blob where the web seed fetcher stored a run without reading its bytes.
   */
  pieces: { key: PieceKey; value: ArrayBuffer | Blob };
}

export const DB_NAME = 'btstream';
export const DB_VERSION = 1;

export type Db = IDBPDatabase<BtDb>;

/** Key range covering every piece of one torrent. */
export function piecesOf(infoHash: string): IDBKeyRange {
  return IDBKeyRange.bound([infoHash, 0], [infoHash, Number.MAX_SAFE_INTEGER]);
}

let pending: Promise<Db> | null = null;

/**
 * Opens (and upgrades) the database once per realm. If another tab needs a
 * newer version, or the browser closes the connection, the next call reopens.
 */
export function openDb(): Promise<Db> {
  pending ??= openDB<BtDb>(DB_NAME, DB_VERSION, {
    upgrade(db, oldVersion) {
      // Each case migrates from the version before it; fall through on purpose.
      switch (oldVersion) {
        case 0:
          db.createObjectStore('torrents', { keyPath: 'infoHash' });
          db.createObjectStore('pieces');
      }
    },
    blocking() {
      // A newer version is waiting in another tab: let it upgrade.
      void pending?.then((db) => db.close());
      pending = null;
    },
    terminated() {
      pending = null;
    },
  }).catch((err: unknown) => {
    pending = null;
    throw err;
  });
  return pending;
}

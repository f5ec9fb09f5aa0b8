import WebTorrentBundle from 'webtorrent/dist/webtorrent.min.js';
import type { IdbChunkStore, ChunkStoreOptions } from './idb-chunk-store';

/** The parts of webtorrent's API the engine uses, typed at this one boundary. */

export interface WtFile {
  name: string;
  path: string;
  length: number;
  offset: number;
  progress: number;
}

type Listener<A extends unknown[] = []> = (...args: A) => void;

export interface WtTorrent {
  infoHash: string;
  name: string | undefined;
  magnetURI: string;
  length: number;
  pieceLength: number;
  lastPieceLength: number;
  pieces: unknown[];
  files: WtFile[];
  torrentFile: Uint8Array;
  /** Set once the info dictionary is known. */
  metadata: Uint8Array | null;
  ready: boolean;
  done: boolean;
  destroyed: boolean;
  progress: number;
  downloaded: number;
  uploaded: number;
  downloadSpeed: number;
  uploadSpeed: number;
  numPeers: number;
  bitfield: { get(index: number): boolean } | null;
  critical(start: number, end: number): void;
  /** A BEP19 web seed; needs the metadata. */
  addWebSeed(url: string): void;
  /** Re-hashes a sample of the startup bitfield's pieces; replaceable per torrent. */
  _verifyPiecesUsingBitfield(cb: (err: Error | null) => void): void;
  /** Stream selections, as webtorrent's own file streams use: removable one at a time. */
  _select(start: number, end: number, priority: number, notify: undefined, isStreamSelection: true): void;
  _deselect(start: number, end: number, isStreamSelection: true): void;
  on(event: 'metadata' | 'ready' | 'done' | 'close' | 'seed', fn: Listener): this;
  on(event: 'verified', fn: Listener<[number]>): this;
  on(event: 'error' | 'warning', fn: Listener<[Error | string]>): this;
  once(event: 'metadata' | 'ready' | 'done' | 'close' | 'seed', fn: Listener): this;
  once(event: 'error', fn: Listener<[Error | string]>): this;
  removeListener(event: string, fn: Listener<never[]>): this;
}

export interface WtAddOptions {
  announce: string[];
  store: new (chunkLength: number, opts: ChunkStoreOptions) => IdbChunkStore;
  /** Pieces already verified in storage; webtorrent re-hashes only a sample. */
  bitfield?: Uint8Array;
  /** BEP19 web seeds, used once the metadata is known. */
  urlList?: string[];
}

export interface WtClientOptions {
  tracker: { rtcConfig: { iceServers: { urls: string | string[]; username?: string; credential?: string }[] } };
  maxConns?: number;
}

export interface WtClient {
  torrents: WtTorrent[];
  add(torrentId: string | Uint8Array, opts: WtAddOptions): WtTorrent;
  /** Hashes the files, writes every piece to the store, then seeds. */
  seed(
    files: File[],
    opts: Omit<WtAddOptions, 'bitfield'> & { name?: string; onProgress?: (hashed: number, total: number) => void },
    onseed: (torrent: WtTorrent) => void,
  ): WtTorrent;
  remove(torrentId: string, opts: { destroyStore: boolean }, cb?: (err?: Error) => void): Promise<void>;
  on(event: 'error' | 'warning', fn: Listener<[Error | string]>): this;
  destroy(cb?: (err?: Error) => void): void;
}

export const WebTorrent = WebTorrentBundle as new (opts: WtClientOptions) => WtClient;

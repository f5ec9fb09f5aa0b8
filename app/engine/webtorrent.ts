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

/** One peer connection (bittorrent-protocol's Wire, or webtorrent's WebConn for web seeds). */
export interface WtWire {
  /** 'webrtc', 'webSeed', 'tcpIncoming', 'tcpOutgoing', 'utpIncoming' or 'utpOutgoing'. */
  type: string;
  remoteAddress?: string;
  remotePort?: number;
  /** Web seeds only. */
  url?: string;
  downloaded: number;
  once(event: 'close', fn: Listener): unknown;
  destroy(): void;
  uploaded: number;
  downloadSpeed(): number;
  uploadSpeed(): number;
  /** Empty until the peer sends its bitfield; answers true for all after have-all. */
  peerPieces: { buffer: Uint8Array; get(index: number): boolean };
}

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
  /** Bytes received from peers in this session (downloaded counts stored pieces too). */
  received: number;
  downloadSpeed: number;
  uploadSpeed: number;
  numPeers: number;
  /** torrent-discovery; its tracker is a bittorrent-tracker Client (null until set up, or with no trackers). */
  discovery?: { tracker?: { update(): void } | null } | null;
  bitfield: { get(index: number): boolean } | null;
  critical(start: number, end: number): void;
  /** A BEP19 web seed; needs the metadata. */
  addWebSeed(url: string): void;
  /** Re-hashes a sample of the startup bitfield's pieces; replaceable per torrent. */
  _verifyPiecesUsingBitfield(cb: (err: Error | null) => void): void;
  /**
   * Stream selections (isStreamSelection true) are never merged with others and
   * are removed one at a time; plain ones merge with their neighbours.
   */
  _select(start: number, end: number, priority: number, notify: (() => void) | undefined, isStreamSelection: boolean): void;
  _deselect(start: number, end: number, isStreamSelection: boolean): void;
  on(event: 'metadata' | 'ready' | 'done' | 'close' | 'seed', fn: Listener): this;
  on(event: 'verified', fn: Listener<[number]>): this;
  on(event: 'wire', fn: Listener<[WtWire]>): this;
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

/** A piece being fetched (torrent-piece): its 16 KiB blocks are reserved by whoever fetches them. */
export interface WtPieceBlocks {
  /** First block it reserved, every later one with it; -1 when all are reserved already. */
  reserveRemaining(): number;
  /** Gives back the blocks from `reservation` on. */
  cancelRemaining(reservation: number): void;
}

/** A selection's window; webtorrent keeps the list sorted by priority, highest first. */
export interface WtSelectionWindow {
  from: number;
  to: number;
  /** Pieces from `from` already stored. */
  offset: number;
  priority: number;
}

/**
 * The internals of webtorrent 3.0.21's lib/torrent.js that webseed/ uses to
 * add pieces it fetched itself as webtorrent does after hashing one. Valid
 * once the torrent has its metadata.
 */
export interface WtTorrentInternals {
  infoHash: string;
  pieceLength: number;
  length: number;
  done: boolean;
  destroyed: boolean;
  bitfield: { get(index: number): boolean } | null;
  /** null once verified. */
  pieces: (WtPieceBlocks | null)[];
  /** Hex SHA-1 of each piece. */
  _hashes: string[];
  /** Set by critical(); sparse, never cleared. */
  _critical: (boolean | undefined)[];
  _selections: Iterable<WtSelectionWindow>;
  wires: { have(index: number): void }[];
  /** The chunk store stack (memory until written, then IdbChunkStore). */
  store: { put(index: number, buf: Uint8Array, cb: (err: Error | null) => void): void };
  received: number;
  /** Speedometers: count `bytes` when given, return bytes per second. */
  _downloadSpeed(bytes?: number): number;
  client: {
    _downloadSpeed(bytes?: number): number;
    /** Bytes per second set by throttleDownload(); -1 for none. */
    _downloadLimit: number;
  };
  /** Sets the bitfield bit, drops the piece and its reservations, emits 'verified'. */
  _markVerified(index: number): void;
  /** Marks files and the torrent done, garbage-collects finished selections. */
  _checkDone(): boolean;
  /** Runs on every select(), deselect() and critical(). */
  _updateSelections(): void;
  /** Destroys the torrent and emits `err` as its 'error'. */
  _destroy(err: Error): void;
  once(event: 'close', fn: () => void): unknown;
}

/** A selection as webtorrent's iterator hands it out. */
export interface WtSelectionEntry {
  notify?: () => void;
  /** Removes it; valid only during the iteration. */
  remove(): void;
}

/**
 * The internals of webtorrent 3.0.21's lib/torrent.js read for the torrent
 * page's details (details.ts) and set for file priorities (file-priority.ts).
 */
export interface WtTorrentDetails extends WtTorrent {
  /** null once verified; `missing` counts bytes not yet received. */
  pieces: ({ length: number; missing: number } | null)[];
  wires: WtWire[];
  /** Per piece, the wires with a block of it in flight (null entries are free slots); set with the metadata. */
  _reservations: ((WtWire | null)[] | null)[] | undefined;
  _selections: Iterable<WtSelectionEntry>;
  _updateSelections(): void;
}

/** webtorrent 3.0.21's lib/rarity-map.js: per piece, how many connected peers have it. */
export interface WtRarityMap {
  /** null once destroyed. */
  _pieces: number[] | null;
  /** Recounts from every wire; runs when a wire connects or sends its bitfield. */
  recalculate(): void;
  /** The piece its strategy 'rarest' asks for next among those `filter` accepts, or -1. */
  getRarestPiece(filter: (index: number) => boolean): number;
}

/** The internals of webtorrent 3.0.21's lib/torrent.js that choose pieces (piece-picker.ts). */
export interface WtPickingTorrent extends WtTorrent {
  strategy: 'sequential' | 'rarest';
  /** Made with the metadata, null once destroyed. */
  _rarityMap?: WtRarityMap | null;
  _selections: Iterable<WtSelectionWindow>;
  wires: unknown[];
}

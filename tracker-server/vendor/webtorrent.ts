/**
 * webtorrent ships no types. This is the one place that gives the parts the
 * bridge uses a type; everything else imports from here.
 */

// Loaded by a non-literal specifier so it is untyped in every tsconfig, even
// ones that hold their own partial `declare module 'webtorrent'` (tests/).
const MODULE_NAME: string = 'webtorrent';
const untyped = (await import(MODULE_NAME)) as { default: unknown };

/** One file of a torrent with metadata. */
export interface WebTorrentFile {
  readonly name: string;
  /** Path inside the torrent, starting with the torrent's name for multi-file torrents. */
  readonly path: string;
  readonly length: number;
  /** Offset of the file's first byte in the torrent. */
  readonly offset: number;
  readonly progress: number;
  readonly done: boolean;
  /**
   * Bytes `start`..`end` (inclusive), fetched with priority when missing. Note
   * webtorrent reads `end: 0` as "to the end of the file"; callers cut.
   */
  [Symbol.asyncIterator](opts?: { start?: number; end?: number }): AsyncIterator<Uint8Array>;
}

/** A connection to one peer (bittorrent-protocol's Wire), as webtorrent hands it out. */
export interface PeerWire {
  /** 'tcpOutgoing', 'utpIncoming', 'webrtc', 'webSeed', … */
  readonly type: string;
  /** Set by webtorrent once the peer shows it has every piece. */
  readonly isSeeder?: boolean;
  once(event: 'close', listener: () => void): unknown;
}

export interface WebTorrentTorrent {
  readonly infoHash: string;
  /** Known once there is metadata (or from a magnet's dn=). */
  readonly name: string | undefined;
  readonly length: number | undefined;
  /** The raw decoded `info` dictionary, once there is metadata. */
  readonly info: unknown;
  /** Bencoded .torrent once there is metadata; null before. */
  readonly metadata: Uint8Array | null;
  readonly ready: boolean;
  readonly destroyed: boolean;
  readonly files: WebTorrentFile[];
  /** Folder the files are written under (AddOptions.path). */
  readonly path: string;
  readonly pieces: unknown[];
  /** Bytes per piece (the last may be shorter); known once there is metadata. */
  readonly pieceLength: number;
  /** Which pieces are verified (and written: webtorrent stores a piece before marking it). */
  readonly bitfield: { get(index: number): boolean };
  readonly progress: number;
  /** Every piece is verified. */
  readonly done: boolean;
  readonly downloaded: number;
  readonly downloadSpeed: number;
  readonly uploadSpeed: number;
  readonly numPeers: number;
  /** Connects to an "ip:port" peer; false if it was refused (a duplicate, a blocked address). */
  addPeer(addr: string): boolean;
  /** Private in webtorrent 3.0.21: queues an outgoing connection to an "ip:port" peer. */
  _addPeer(peer: unknown, type: 'utp' | 'tcp', source: string): unknown;
  /** Downloads pieces `start`..`end` (inclusive) in the background; priority 0 by default. */
  select(start: number, end: number, priority?: number): void;
  /**
   * Private in webtorrent 3.0.21, used by its own file streams: a stream
   * selection ranks before background ones, and `_deselect` with the same
   * bounds removes exactly one of them.
   */
  _select(start: number, end: number, priority: number, notify: null, isStreamSelection: true): void;
  _deselect(start: number, end: number, isStreamSelection: true): void;
  /** Pieces requested before any other, from every peer that has them. */
  critical(start: number, end: number): void;
  destroy(opts: { destroyStore: boolean }, cb?: (err?: Error | null) => void): void;
  on(event: 'metadata' | 'ready' | 'done' | 'close', listener: () => void): this;
  on(event: 'error' | 'warning', listener: (err: Error | string) => void): this;
  on(event: 'verified', listener: (index: number) => void): this;
  /** A peer's handshake is done; `addr` is `ip:port` for TCP and uTP peers. */
  on(event: 'wire', listener: (wire: PeerWire, addr?: string) => void): this;
  once(event: 'metadata' | 'ready' | 'done' | 'close', listener: () => void): this;
  removeListener(event: string, listener: (...args: never[]) => void): this;
}

export interface WebTorrentOptions {
  dht: boolean;
  lsd: boolean;
  utp: boolean;
  utPex: boolean;
  natUpnp: boolean;
  natPmp: boolean;
  webSeeds: boolean;
  torrentPort: number;
  /** Bytes per second; -1 for no limit. */
  downloadLimit: number;
  uploadLimit: number;
  /** `wrtc: false` keeps the client off WebSocket (WebRTC) trackers; false: no trackers at all. */
  tracker: { wrtc: false } | false;
}

export interface AddOptions {
  /** Folder the torrent's files are written under. */
  path: string;
  /** Extra BEP19 web seed URLs. */
  urlList?: string[];
  /** Select no pieces at start (nor when verification finds pieces missing); reads still fetch theirs. */
  deselect?: boolean;
}

export interface WebTorrentClient {
  readonly torrents: WebTorrentTorrent[];
  readonly downloadSpeed: number;
  readonly uploadSpeed: number;
  /** Torrents are created synchronously; magnets and buffers are both accepted. */
  add(torrentId: string | Uint8Array, opts: AddOptions): WebTorrentTorrent;
  destroy(cb?: (err?: Error | string | null) => void): void;
  address(): { port: number } | null;
  on(event: 'error' | 'warning', listener: (err: Error | string) => void): this;
  on(event: 'download' | 'upload', listener: (bytes: number) => void): this;
  on(event: 'listening', listener: () => void): this;
  once(event: 'listening', listener: () => void): this;
  readonly listening: boolean;
}

export const WebTorrent = untyped.default as new (opts: WebTorrentOptions) => WebTorrentClient;

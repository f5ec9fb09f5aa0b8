/**
 * The page ↔ engine worker contract. The worker implements EngineApi and
 * exposes it with Comlink on a port it sends the page first (EnginePortMessage);
 * the page wraps that port. Both sides import only this file.
 */

/** 'skip' deselects the file: none of its pieces are fetched unless a stream asks. */
export type FilePriority = 'skip' | 'low' | 'normal' | 'high';

export const FILE_PRIORITIES: readonly FilePriority[] = ['skip', 'low', 'normal', 'high'];

export interface FileStatus {
  index: number;
  name: string;
  /** Path inside the torrent, "/"-separated, including the torrent's folder. */
  path: string;
  length: number;
  /** 0..1, share of this file's bytes that are verified and stored. */
  progress: number;
  mimeType: string;
  /** Chosen by the user; 'normal' by default. Kept across reloads. */
  priority: FilePriority;
}

export type TorrentState = 'metadata' | 'checking' | 'downloading' | 'seeding' | 'paused' | 'error';

export interface TorrentStatus {
  infoHash: string;
  /** Null until the metadata has arrived, unless the magnet carried a name. */
  name: string | null;
  magnetURI: string;
  /** Total size in bytes; null until the metadata has arrived. */
  length: number | null;
  state: TorrentState;
  /** 0..1 */
  progress: number;
  downloaded: number;
  uploaded: number;
  /** Bytes per second. */
  downloadSpeed: number;
  uploadSpeed: number;
  numPeers: number;
  /** Seconds until done at the current speed; null when done, paused or stalled. */
  eta: number | null;
  /**
   * Uploaded ÷ downloaded over the torrent's whole life (kept in IndexedDB
   * across reloads); null before anything is downloaded.
   */
  ratio: number | null;
  /** Plain-words error, e.g. when the .torrent could not be fetched. */
  error: string | null;
  files: FileStatus[];
  addedAt: number;
}

export type AddRequest =
  /** A magnet link, a bare info hash, or an http(s) URL of a .torrent file. */
  | { kind: 'uri'; uri: string }
  | { kind: 'torrent-file'; name: string; bytes: ArrayBuffer };

export interface AddResult {
  infoHash: string;
  /** True when the torrent was already in the engine. */
  existing: boolean;
}

/** How a peer is connected to us. */
export type PeerKind = 'webrtc' | 'webseed' | 'tcp' | 'utp';

export interface PeerStatus {
  /** Stable while the connection lives; for keyed lists. */
  id: string;
  kind: PeerKind;
  /** "ip:port" for WebRTC/TCP peers, the URL for web seeds. */
  address: string;
  /** Bytes per second. */
  downloadSpeed: number;
  uploadSpeed: number;
  downloaded: number;
  uploaded: number;
  /** 0..1 share of the pieces the peer has; null when it has not said. */
  progress: number | null;
}

/** One piece's state in the piece map. */
export const PieceState = { Missing: 0, Downloading: 1, Stored: 2 } as const;
export type PieceState = (typeof PieceState)[keyof typeof PieceState];

/** The torrent page's live details, fetched on demand (too big for every status push). */
export interface TorrentDetail {
  infoHash: string;
  /** One PieceState per piece; empty before the metadata. */
  pieces: Uint8Array;
  peers: PeerStatus[];
}

/** Choices from the Settings page; the page keeps them and hands them to the engine. */
export interface EngineSettings {
  /** Trackers added to every torrent, besides the app's own and the torrent's. */
  extraTrackers: string[];
  /**
   * 'default' uses the server's bridge, 'off' never uses one, else a bridge
   * base URL. Typed as string: a union with string would collapse to it anyway.
   */
  bridge: string;
  /** Bytes per second; null for no limit. */
  downloadLimit: number | null;
  uploadLimit: number | null;
  /** Peer connections per torrent. */
  maxConnections: number;
  /** Bytes of IndexedDB the app may fill with pieces; null for what the browser allows. */
  storageQuota: number | null;
}

export const DEFAULT_SETTINGS: EngineSettings = {
  extraTrackers: [],
  bridge: 'default',
  downloadLimit: null,
  uploadLimit: null,
  maxConnections: 55,
  storageQuota: null,
};

export interface IceServer {
  urls: string | string[];
  username?: string;
  credential?: string;
}

export interface EngineConfig {
  /** Trackers every torrent announces to, besides those in its magnet or .torrent. */
  announce: string[];
  iceServers: IceServer[];
  /**
   * Base URL of a bridge to TCP/uTP swarms (the app's own server by default),
   * or null for WebRTC peers only.
   */
  bridge: string | null;
  /** The user's settings; absent means DEFAULT_SETTINGS. */
  settings?: EngineSettings;
}

/** How often the engine pushes status to the page, at most. */
export const STATUS_INTERVAL_MS = 500;

/**
 * Every torrent's status as the engine read it, numbered in the order it read
 * them. list()'s answers come over the engine's port and the listener's pushes
 * over the listener's own, and Chromium keeps no order across two ports: with
 * messages waiting in both, the page took them one from each in turn, so a
 * list() answered before a push reached it after. The page keeps the highest `seq`.
 */
export interface NumberedStatuses {
  seq: number;
  statuses: TorrentStatus[];
}

export type StatusListener = (numbered: NumberedStatuses) => void;

export interface EngineApi {
  /**
   * Starts the engine. `rtcPort` carries the RTC host protocol (rtc-protocol.ts)
   * to the page, which owns the RTCPeerConnections. Torrents kept in IndexedDB
   * are resumed. Must be called once, before anything else; calls sent after
   * it, before its answer, wait for it and fail if it failed.
   */
  start(config: EngineConfig, rtcPort: MessagePort): Promise<void>;
  /** Rejects with a plain-words Error for bad input. */
  add(request: AddRequest): Promise<AddResult>;
  /**
   * Makes a torrent of the files (one file, or several under `name`), stores
   * its pieces and seeds it. Resolves once every piece is stored.
   * `onHashing` gets the share hashed so far (0..1), a few times a second.
   */
  seed(files: File[], name?: string, onHashing?: (fraction: number) => void): Promise<AddResult>;
  /** Stops all transfer; stored pieces stay and still play. Kept across reloads. */
  pause(infoHash: string): Promise<void>;
  /** Reconnects a paused torrent, with no re-hashing of what is stored. */
  resume(infoHash: string): Promise<void>;
  /** Stops the torrent and deletes its pieces and metadata. */
  remove(infoHash: string): Promise<void>;
  list(): Promise<NumberedStatuses>;
  /** Piece map and peers of one torrent; null when the engine does not know it. */
  detail(infoHash: string): Promise<TorrentDetail | null>;
  /** Selects, deselects ('skip') or reprioritises one file. Kept across reloads. */
  setFilePriority(infoHash: string, fileIndex: number, priority: FilePriority): Promise<void>;
  /** Applies new settings to the running engine and every torrent. */
  configure(settings: EngineSettings): Promise<void>;
  /** The listener gets every torrent's status, at most every STATUS_INTERVAL_MS. */
  subscribe(listener: StatusListener): Promise<void>;
  /** A port whose other end the service worker holds; it speaks SwEngineApi. */
  connectServiceWorker(port: MessagePort): void;
}

export const ENGINE_PORT_MESSAGE = 'engine-port';

/**
 * The engine worker's first message to the page: the port it serves EngineApi
 * on. Chromium holds the page's messages to a worker on the page's main thread
 * until it has taken note that the worker's script ran, a task that waits
 * behind the app's first render: 86-110 ms from the worker's load to its
 * start() arriving (bench/ab-first-frame.ts). A port's messages go straight
 * across, and wait in it until the worker listens.
 */
export interface EnginePortMessage {
  type: typeof ENGINE_PORT_MESSAGE;
  port: MessagePort;
}

export function isEnginePortMessage(data: unknown): data is EnginePortMessage {
  if (typeof data !== 'object' || data === null) return false;
  const message = data as Partial<EnginePortMessage>;
  return message.type === ENGINE_PORT_MESSAGE && message.port instanceof MessagePort;
}

/**
 * bittorrent-tracker ships no types. This is the one place that gives the parts
 * we use a type; everything else imports from here.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';

// Loaded by a non-literal specifier so it is untyped in every tsconfig, even
// ones that hold their own partial `declare module 'bittorrent-tracker'`.
const MODULE_NAME: string = 'bittorrent-tracker';
const untyped = (await import(MODULE_NAME)) as { Client: unknown; Server: unknown };

/** The `ws` WebSocket the tracker keeps per browser connection (only what we touch). */
export interface TrackerSocket {
  readonly readyState: number;
  send(data: string, cb?: (err?: Error) => void): void;
  emit(event: string | symbol, ...args: unknown[]): boolean;
  on(event: 'close', listener: () => void): this;
  on(event: 'error', listener: (err: Error) => void): this;
  terminate(): void;
}

/** The `ws` WebSocketServer created by the tracker with `noServer: true`. */
export interface TrackerWebSocketServer {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer, cb: (ws: TrackerSocket) => void): void;
  emit(event: 'connection', ws: TrackerSocket, req: IncomingMessage): boolean;
}

export interface TrackerServerOptions {
  http: false;
  udp: false;
  stats: false;
  ws: { noServer: true; maxPayload?: number };
  trustProxy: boolean;
  /** Announce interval told to clients, ms. */
  interval?: number;
}

export interface Swarm {
  complete: number;
  incomplete: number;
}

export interface TrackerServer {
  readonly ws: TrackerWebSocketServer;
  /** Swarms by hex info hash. */
  readonly torrents: Record<string, Swarm>;
  onHttpRequest(req: IncomingMessage, res: ServerResponse, opts: { action: 'announce' | 'scrape' }): void;
  close(cb?: (err?: Error | null) => void): void;
  on(event: 'warning' | 'error', listener: (err: Error) => void): this;
  /** Emitted after an announce is processed; `peer` is an address (HTTP) or a hex peer id (WebSocket). */
  on(event: 'start' | 'stop' | 'complete' | 'update' | 'pause', listener: (peer: string) => void): this;
}

export const TrackerServer = untyped.Server as new (opts: TrackerServerOptions) => TrackerServer;

export interface TrackerClientOptions {
  /** Hex string or 20 bytes. */
  infoHash: string | Uint8Array;
  /** Hex string or 20 bytes. */
  peerId: string | Uint8Array;
  announce: string[];
  /** The port this peer says it listens on (HTTP trackers). */
  port: number;
  rtcConfig?: { iceServers: { urls: string }[] };
  getAnnounceOpts?: () => { left?: number; uploaded?: number; downloaded?: number };
}

export interface AnnounceUpdate {
  announce: string;
  complete: number;
  incomplete: number;
}

/** A simple-peer WebRTC peer, as WebSocket trackers hand them out (before it connects). */
export interface WebRtcPeer {
  readonly connected: boolean;
  send(data: string | Uint8Array): void;
  destroy(): void;
  once(event: 'connect', listener: () => void): this;
  once(event: 'data', listener: (data: Uint8Array) => void): this;
  once(event: 'error', listener: (err: Error) => void): this;
}

export interface TrackerClient {
  start(opts?: { numwant?: number; left?: number }): void;
  stop(opts?: { numwant?: number }): void;
  destroy(cb?: (err?: Error | null) => void): void;
  on(event: 'update', listener: (data: AnnounceUpdate) => void): this;
  /** HTTP trackers give an "ip:port" string; WebSocket trackers a WebRTC peer being signalled. */
  on(event: 'peer', listener: (peer: string | WebRtcPeer) => void): this;
  on(event: 'warning' | 'error', listener: (err: Error) => void): this;
  once(event: 'update', listener: (data: AnnounceUpdate) => void): this;
  once(event: 'peer', listener: (peer: string | WebRtcPeer) => void): this;
  once(event: 'warning' | 'error', listener: (err: Error) => void): this;
  removeListener(event: string, listener: (...args: never[]) => void): this;
}

export const TrackerClient = untyped.Client as new (opts: TrackerClientOptions) => TrackerClient;

/**
 * Many raw WebSocket tracker peers in one process: they announce the way
 * webtorrent's browser client does (JSON with fake SDP offers) and note when
 * each relayed offer reaches one of them. No WebRTC happens.
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import WebSocket from 'ws';

export interface FleetPeer {
  socket: WebSocket;
  peerId: string;
  infoHash: string;
}

interface Inbound {
  interval?: number;
  offer?: unknown;
  offer_id?: string;
  'failure reason'?: string;
}

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/** 20 characters, what the tracker's JSON protocol takes for ids and info hashes. */
export function randomId(): string {
  return Array.from(randomBytes(20), (b) => ALPHABET[b % ALPHABET.length]).join('');
}

/** About the size of a real browser's data-channel offer. */
function fakeSdp(): string {
  const ufrag = randomId().slice(0, 4);
  return [
    'v=0',
    `o=- ${Date.now()} 2 IN IP4 127.0.0.1`,
    's=-',
    't=0 0',
    'a=group:BUNDLE 0',
    'a=extmap-allow-mixed',
    'a=msid-semantic: WMS',
    'm=application 9 UDP/DTLS/SCTP webrtc-datachannel',
    'c=IN IP4 0.0.0.0',
    `a=ice-ufrag:${ufrag}`,
    `a=ice-pwd:${randomId()}`,
    'a=ice-options:trickle',
    `a=fingerprint:sha-256 ${Array.from(randomBytes(32), (b) => b.toString(16).padStart(2, '0')).join(':')}`,
    'a=setup:actpass',
    'a=mid:0',
    'a=sctp-port:5000',
    'a=max-message-size:262144',
    '',
  ].join('\r\n');
}

export class Fleet {
  readonly peers: FleetPeer[] = [];
  /** When each relayed offer arrived (performance.now()), by offer_id. */
  readonly offerArrivals = new Map<string, number>();
  readonly failures: string[] = [];
  responses = 0;
  lastResponseAt = 0;
  #wake: (() => void) | null = null;

  private constructor(readonly url: string) {}

  /** Opens one socket per info hash given, `concurrency` handshakes at a time. */
  static async connect(url: string, infoHashes: readonly string[], concurrency: number): Promise<Fleet> {
    const fleet = new Fleet(url);
    let next = 0;
    const worker = async () => {
      while (next < infoHashes.length) {
        const infoHash = infoHashes[next++] as string;
        fleet.peers.push({ socket: await fleet.#open(), peerId: randomId(), infoHash });
      }
    };
    // Settle every handshake before giving up, so no socket opens after close().
    const settled = await Promise.allSettled(Array.from({ length: concurrency }, worker));
    const failed = settled.find((s) => s.status === 'rejected');
    if (failed) {
      fleet.close();
      throw new Error(`could not connect ${infoHashes.length} peers to ${url}: ${String(failed.reason)}`);
    }
    return fleet;
  }

  #open(): Promise<WebSocket> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(this.url, { perMessageDeflate: false });
      socket.once('open', () => resolve(socket));
      socket.once('error', reject);
      socket.on('message', (data: Buffer) => this.#onMessage(data));
    });
  }

  #onMessage(data: Buffer): void {
    const at = performance.now();
    const message = JSON.parse(data.toString('utf8')) as Inbound;
    if (message['failure reason']) this.failures.push(message['failure reason']);
    else if (message.offer && message.offer_id) this.offerArrivals.set(message.offer_id, at);
    else if (message.interval !== undefined) {
      this.responses++;
      this.lastResponseAt = at;
    }
    this.#wake?.();
  }

  /** An announce with one offer per id, ready to send. */
  static announceMessage(peer: FleetPeer, offerIds: readonly string[], event?: 'started'): string {
    return JSON.stringify({
      action: 'announce',
      info_hash: peer.infoHash,
      peer_id: peer.peerId,
      numwant: offerIds.length,
      uploaded: 0,
      downloaded: 0,
      left: 1_000_000,
      ...(event ? { event } : {}),
      offers: offerIds.map((offer_id) => ({ offer: { type: 'offer', sdp: fakeSdp() }, offer_id })),
    });
  }

  /** Sends a message; returns when it was handed to the socket (performance.now()). */
  send(peer: FleetPeer, message: string): number {
    const at = performance.now();
    peer.socket.send(message);
    return at;
  }

  /** Resolves once `done()` holds, checking after every message; rejects after `timeoutMs`. */
  waitUntil(done: () => boolean, timeoutMs: number, what: string): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#wake = null;
        reject(new Error(`${what}: not reached within ${timeoutMs} ms`));
      }, timeoutMs);
      const check = () => {
        if (!done()) return;
        clearTimeout(timer);
        this.#wake = null;
        resolve();
      };
      this.#wake = check;
      check();
    });
  }

  close(): void {
    for (const { socket } of this.peers) socket.terminate();
  }
}

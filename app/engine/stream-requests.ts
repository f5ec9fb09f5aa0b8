import type { PieceOutcome } from '../shared/sw-contract';
import { markLatest, markOnce } from '../shared/timing-marks';
import { preemptFor, type PreemptableWire } from './request-preemption';
import { capPipelines, type HandshakeWire } from './stream-pipeline';
import { planWindow, type WindowStep } from './stream-window';
import type { WtTorrent } from './webtorrent';

/** webtorrent 3.0.21 torrent fields this file drives, besides the typed ones. */
interface StreamingTorrent {
  wires: (PreemptableWire & HandshakeWire)[];
}

interface Window {
  torrent: WtTorrent;
  infoHash: string;
  steps: WindowStep[];
  /** The pieces the request needs first: `from..criticalTo`. */
  from: number;
  criticalTo: number;
}

const internals = (torrent: WtTorrent): StreamingTorrent => torrent as unknown as StreamingTorrent;

/**
 * Service-worker requests for pieces. A request that waits for a piece puts
 * a window of prioritised selections over the pieces it needs next
 * (stream-window.ts); the window follows the request and goes away when it
 * is released (finished or cancelled). Once a torrent is streamed, each of
 * its peers owes us at most 1 MiB (stream-pipeline.ts), also between
 * requests: the media element ends and starts them as it buffers, and a
 * seek can come at any time.
 *
 * The piece picker (piece-picker.ts) takes windows' pieces in index order,
 * nearest first, and other pieces rarest first.
 */
export class StreamRequests {
  readonly #find: (infoHash: string) => WtTorrent | undefined;
  readonly #waiters = new Map<string, Set<(outcome: PieceOutcome) => void>>();
  readonly #windows = new Map<string, Window>();

  constructor(find: (infoHash: string) => WtTorrent | undefined) {
    this.#find = find;
  }

  waitForPiece(requestId: string, infoHash: string, index: number, lastIndex: number): Promise<PieceOutcome> {
    markOnce('engine:wait-piece');
    markLatest('engine:latest-wait');
    const torrent = this.#find(infoHash);
    if (!torrent?.metadata || torrent.destroyed || !Number.isInteger(index)) return Promise.resolve('unknown');
    if (index < 0 || index >= torrent.pieces.length) return Promise.resolve('unknown');
    if (torrent.bitfield?.get(index)) return Promise.resolve('stored');
    const last = Math.min(Math.max(index, lastIndex), torrent.pieces.length - 1);
    const key = `${infoHash}:${index}`;
    const waiting = new Promise<PieceOutcome>((resolve) => {
      const set = this.#waiters.get(key) ?? new Set();
      set.add(resolve);
      this.#waiters.set(key, set);
    });
    this.#prioritise(requestId, infoHash, torrent, index, last);
    return waiting;
  }

  release(requestId: string): void {
    const window = this.#windows.get(requestId);
    this.#windows.delete(requestId);
    if (!window || window.torrent.destroyed) return;
    for (const step of window.steps) window.torrent._deselect(step.from, step.to, true);
  }

  onVerified(infoHash: string, index: number): void {
    const key = `${infoHash}:${index}`;
    const set = this.#waiters.get(key);
    if (!set) return;
    this.#waiters.delete(key);
    markLatest('engine:latest-waited-piece');
    set.forEach((resolve) => resolve('stored'));
  }

  /** The torrent is gone: every waiter learns it, every window is dropped. */
  dropTorrent(infoHash: string): void {
    for (const [key, set] of this.#waiters) {
      if (!key.startsWith(`${infoHash}:`)) continue;
      this.#waiters.delete(key);
      set.forEach((resolve) => resolve('unknown'));
    }
    for (const [id, window] of this.#windows) {
      if (window.infoHash === infoHash) this.#windows.delete(id);
    }
  }

  #prioritise(requestId: string, infoHash: string, torrent: WtTorrent, index: number, lastIndex: number): void {
    const previous = this.#windows.get(requestId);
    const moving = previous !== undefined && index >= previous.from && index <= (previous.steps.at(-1)?.to ?? index);
    this.release(requestId);
    const { steps, criticalTo } = planWindow(index, lastIndex, torrent.pieceLength);
    const wt = internals(torrent);
    capPipelines(wt.wires);
    for (const step of steps) torrent._select(step.from, step.to, step.priority, undefined, true);
    torrent.critical(index, criticalTo);
    this.#windows.set(requestId, { torrent, infoHash, steps, from: index, criticalTo });
    // A new window (a new request: playback starting, a seek) would wait behind
    // about a second of requests already queued on each peer, even for pieces
    // among them. Those go, so the window goes first. A window that merely moves
    // along has its pieces asked for already.
    if (!moving) {
      const end = steps.at(-1)?.to ?? index;
      markLatest('engine:latest-preempt');
      preemptFor(wt.wires, (piece) => (piece >= index && piece <= end) || this.#isCritical(infoHash, piece));
    }
  }

  /** Whether some stream of the torrent needs `piece` first thing. */
  #isCritical(infoHash: string, piece: number): boolean {
    for (const w of this.#windows.values()) {
      if (w.infoHash === infoHash && piece >= w.from && piece <= w.criticalTo) return true;
    }
    return false;
  }
}

import type { PieceOutcome } from '../shared/sw-contract';
import { markLatest, markOnce, traceMark } from '../shared/timing-marks';
import { preemptFor, type PreemptableWire } from './request-preemption';
import { DUPLICATE_BYTES, DuplicateRequests, type DuplicatingWire } from './stream-duplicates';
import { FreshPieces, type PuttingStore } from './stream-fresh-pieces';
import { StreamPipelines, type HandshakeWire } from './stream-pipeline';
import { StreamTrace, type TracedWire } from './stream-trace';
import { planWindow, type WindowStep } from './stream-window';
import type { WtTorrent } from './webtorrent';

/** webtorrent 3.0.21 torrent fields this file drives, besides the typed ones. */
interface StreamingTorrent {
  wires: (PreemptableWire & HandshakeWire & TracedWire & DuplicatingWire)[];
  /**
   * Set once the metadata is in; null again once destroyed. It is
   * immediate-chunk-store, which passes on only put's error, around
   * cache-chunk-store around ours, which both pass on put's bytes.
   */
  store: (PuttingStore & { store?: PuttingStore }) | null;
}

interface Waiter {
  resolve: (outcome: PieceOutcome) => void;
  /** The last piece the request needs: pieces handed over with the one waited for stop there. */
  last: number;
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
 * its peers owes us about one round trip of its transfer (stream-pipeline.ts),
 * also between requests: the media element ends and starts them as it
 * buffers, and a seek can come at any time.
 *
 * A waiting request is answered with the piece's bytes (and the fresh ones
 * after it) as soon as the piece passes its hash, not once IndexedDB has it
 * (stream-fresh-pieces.ts). A new window's first blocks are asked of every
 * peer (stream-duplicates.ts).
 *
 * The piece picker (piece-picker.ts) takes windows' pieces in index order,
 * nearest first, and other pieces rarest first.
 */
export class StreamRequests {
  readonly #find: (infoHash: string) => WtTorrent | undefined;
  readonly #waiters = new Map<string, Set<Waiter>>();
  readonly #fresh = new WeakMap<WtTorrent, FreshPieces>();
  readonly #duplicates = new WeakMap<WtTorrent, DuplicateRequests>();
  readonly #windows = new Map<string, Window>();
  readonly #trace = new StreamTrace();
  readonly #pipelines = new StreamPipelines();

  constructor(find: (infoHash: string) => WtTorrent | undefined) {
    this.#find = find;
  }

  waitForPiece(requestId: string, infoHash: string, index: number, lastIndex: number): Promise<PieceOutcome> {
    markOnce('engine:wait-piece');
    markLatest('engine:latest-wait');
    const torrent = this.#find(infoHash);
    if (!torrent?.metadata || torrent.destroyed || !Number.isInteger(index)) return Promise.resolve('unknown');
    if (index < 0 || index >= torrent.pieces.length) return Promise.resolve('unknown');
    const last = Math.min(Math.max(index, lastIndex), torrent.pieces.length - 1);
    const fresh = this.#freshPieces(infoHash, torrent);
    if (fresh?.has(index)) {
      traceMark(`wait ${index} fresh`);
      return Promise.resolve({ pieces: fresh.run(index, last) });
    }
    if (torrent.bitfield?.get(index)) {
      traceMark(`wait ${index} stored`);
      return Promise.resolve('stored');
    }
    traceMark(`wait ${index}..${lastIndex}`);
    const key = `${infoHash}:${index}`;
    const waiting = new Promise<PieceOutcome>((resolve) => {
      const set = this.#waiters.get(key) ?? new Set();
      set.add({ resolve, last });
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
    if (this.#trace.traces(index)) traceMark(`verified ${index}`);
    // Waiters hear when the piece is hashed; this is for pieces hashed before the store was watched.
    this.#answer(infoHash, index, () => 'stored');
  }

  /** A piece passed its hash and is being written: waiters for it get its bytes now. */
  #onHashed(infoHash: string, torrent: WtTorrent, index: number, fresh: FreshPieces): void {
    if (this.#trace.traces(index)) traceMark(`hashed ${index}`);
    this.#duplicates.get(torrent)?.settle(index);
    this.#answer(infoHash, index, (last) => ({ pieces: fresh.run(index, last) }));
  }

  #answer(infoHash: string, index: number, outcome: (last: number) => PieceOutcome): void {
    const key = `${infoHash}:${index}`;
    const set = this.#waiters.get(key);
    if (!set) return;
    this.#waiters.delete(key);
    markLatest('engine:latest-waited-piece');
    set.forEach((waiter) => waiter.resolve(outcome(waiter.last)));
  }

  /** The torrent's freshly hashed pieces, watched from its first stream request on. */
  #freshPieces(infoHash: string, torrent: WtTorrent): FreshPieces | undefined {
    const known = this.#fresh.get(torrent);
    if (known) return known;
    const outer = internals(torrent).store;
    // Inside immediate-chunk-store, put's callback still has the bytes back from the writer.
    const store = outer?.store ?? outer;
    if (!store || typeof store.put !== 'function') return undefined;
    const fresh: FreshPieces = new FreshPieces(store, (index) => this.#onHashed(infoHash, torrent, index, fresh));
    this.#fresh.set(torrent, fresh);
    return fresh;
  }

  /** The torrent is gone: every waiter learns it, every window is dropped. */
  dropTorrent(infoHash: string): void {
    for (const [key, set] of this.#waiters) {
      if (!key.startsWith(`${infoHash}:`)) continue;
      this.#waiters.delete(key);
      set.forEach((waiter) => waiter.resolve('unknown'));
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
    this.#pipelines.cap(wt.wires);
    for (const step of steps) torrent._select(step.from, step.to, step.priority, undefined, true);
    torrent.critical(index, criticalTo);
    this.#windows.set(requestId, { torrent, infoHash, steps, from: index, criticalTo });
    // A new window (a new request: playback starting, a seek) would wait behind
    // the requests already queued on each peer. All but the critical pieces of
    // the streams go, the window's further pieces too: they held a peer's slots
    // while another peer was given the critical ones. webtorrent refills the
    // peers from the window, nearest first, in the microtasks after the
    // cancels; then the first blocks are asked of every peer. A window that
    // merely moves along has its pieces asked for already.
    if (!moving) {
      markLatest('engine:latest-preempt');
      this.#trace.watch(index, wt.wires);
      const cancelled = preemptFor(wt.wires, (piece) => this.#isCritical(infoHash, piece));
      traceMark(`preempt ${cancelled}`);
      const first = Math.min(criticalTo, index + Math.ceil(DUPLICATE_BYTES / torrent.pieceLength) - 1);
      queueMicrotask(() => this.#duplicateFirst(torrent, index, first));
      setTimeout(() => traceMark(`requested ${this.#trace.outstanding(wt.wires)}`), 0);
    }
  }

  /** Asks every peer for the blocks of pieces `from..to` not in yet. */
  #duplicateFirst(torrent: WtTorrent, from: number, to: number): void {
    if (torrent.destroyed) return;
    const duplicates = this.#duplicates.get(torrent) ?? new DuplicateRequests();
    this.#duplicates.set(torrent, duplicates);
    const pieces: number[] = [];
    for (let index = from; index <= to; index++) if (!torrent.bitfield?.get(index)) pieces.push(index);
    const sent = duplicates.duplicate(internals(torrent).wires, pieces);
    traceMark(`duplicated ${sent}`);
  }

  /** Whether some stream of the torrent needs `piece` first thing. */
  #isCritical(infoHash: string, piece: number): boolean {
    for (const w of this.#windows.values()) {
      if (w.infoHash === infoHash && piece >= w.from && piece <= w.criticalTo) return true;
    }
    return false;
  }
}

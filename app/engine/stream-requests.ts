import type { PieceOutcome } from '../shared/sw-contract';
import type { WtTorrent } from './webtorrent';

/** Pieces after the one a request waits for that are fetched with it. */
const READAHEAD_PIECES = 16;
/** Of those, how many go to the fastest peers first. */
const CRITICAL_PIECES = 2;
/** Above webtorrent's default selection (0), like its own file streams. */
const STREAM_PRIORITY = 1;

interface Selection {
  torrent: WtTorrent;
  infoHash: string;
  from: number;
  to: number;
}

/**
 * Service-worker requests for pieces. A request that waits for a piece puts a
 * prioritised window over the pieces it needs next; the window follows the
 * request and goes away when it is released (finished or cancelled).
 */
export class StreamRequests {
  readonly #find: (infoHash: string) => WtTorrent | undefined;
  readonly #waiters = new Map<string, Set<(outcome: PieceOutcome) => void>>();
  readonly #selections = new Map<string, Selection>();

  constructor(find: (infoHash: string) => WtTorrent | undefined) {
    this.#find = find;
  }

  waitForPiece(requestId: string, infoHash: string, index: number, lastIndex: number): Promise<PieceOutcome> {
    const torrent = this.#find(infoHash);
    if (!torrent?.metadata || torrent.destroyed || !Number.isInteger(index)) return Promise.resolve('unknown');
    if (index < 0 || index >= torrent.pieces.length) return Promise.resolve('unknown');
    if (torrent.bitfield?.get(index)) return Promise.resolve('stored');
    const last = Math.min(Math.max(index, lastIndex), torrent.pieces.length - 1);
    this.#prioritise(requestId, infoHash, torrent, index, last);
    const key = `${infoHash}:${index}`;
    return new Promise((resolve) => {
      const set = this.#waiters.get(key) ?? new Set();
      set.add(resolve);
      this.#waiters.set(key, set);
    });
  }

  release(requestId: string): void {
    const selection = this.#selections.get(requestId);
    this.#selections.delete(requestId);
    if (selection && !selection.torrent.destroyed) {
      selection.torrent._deselect(selection.from, selection.to, true);
    }
  }

  onVerified(infoHash: string, index: number): void {
    const key = `${infoHash}:${index}`;
    const set = this.#waiters.get(key);
    this.#waiters.delete(key);
    set?.forEach((resolve) => resolve('stored'));
  }

  /** The torrent is gone: every waiter learns it, every window is dropped. */
  dropTorrent(infoHash: string): void {
    for (const [key, set] of this.#waiters) {
      if (!key.startsWith(`${infoHash}:`)) continue;
      this.#waiters.delete(key);
      set.forEach((resolve) => resolve('unknown'));
    }
    for (const [id, selection] of this.#selections) {
      if (selection.infoHash === infoHash) this.#selections.delete(id);
    }
  }

  #prioritise(requestId: string, infoHash: string, torrent: WtTorrent, index: number, lastIndex: number): void {
    this.release(requestId);
    const to = Math.min(lastIndex, index + READAHEAD_PIECES);
    torrent._select(index, to, STREAM_PRIORITY, undefined, true);
    torrent.critical(index, Math.min(to, index + CRITICAL_PIECES - 1));
    this.#selections.set(requestId, { torrent, infoHash, from: index, to });
  }
}

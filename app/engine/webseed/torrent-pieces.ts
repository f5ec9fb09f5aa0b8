import type { WtTorrent, WtTorrentInternals } from '../webtorrent';
import { idbStoreOf } from '../idb-chunk-store';
import type { Wanted } from './piece-order';

/** The internals view of a torrent (the same object); type-only, so Node tests can drive real webtorrent. */
export function internalsOf(torrent: WtTorrent): WtTorrentInternals {
  return torrent as unknown as WtTorrentInternals;
}

/**
 * The fetcher's hold on webtorrent's pieces, done the way webtorrent's own
 * web seed and peer wires do it (lib/torrent.js, _request), so the two share
 * pieces without fetching any twice.
 */
export class TorrentPieces {
  readonly #t: WtTorrentInternals;
  /** Pieces this fetcher holds, with the block its reservation started at. */
  readonly #held = new Map<number, number>();

  constructor(torrent: WtTorrentInternals) {
    this.#t = torrent;
  }

  get wanted(): Wanted {
    return { critical: this.#t._critical, selections: [...this.#t._selections] };
  }

  /**
   * Takes a piece if it is neither stored nor held by anyone: reserving all
   * its blocks keeps peer wires off it. A piece a peer is already fetching
   * in full is left to that peer.
   */
  claim(index: number): boolean {
    if (this.#held.has(index) || this.#t.bitfield?.get(index) !== false) return false;
    const reservation = this.#t.pieces[index]?.reserveRemaining() ?? -1;
    if (reservation === -1) return false;
    this.#held.set(index, reservation);
    return true;
  }

  /** Gives a piece back to webtorrent, e.g. when its request failed. */
  release(index: number): void {
    const reservation = this.#held.get(index);
    if (reservation === undefined) return;
    this.#held.delete(index);
    this.#t.pieces[index]?.cancelRemaining(reservation);
  }

  releaseAll(): void {
    for (const index of [...this.#held.keys()]) this.release(index);
  }

  /** Calls `listener` after every select(), deselect() and critical() on the torrent. */
  onSelectionChange(listener: () => void): void {
    const update = this.#t._updateSelections.bind(this.#t);
    this.#t._updateSelections = () => {
      update();
      listener();
    };
  }

  /** Counts fetched bytes in the torrent's and the client's download speed. */
  countDownload(bytes: number): void {
    if (this.#t.destroyed) return;
    this.#t.received += bytes;
    this.#t._downloadSpeed(bytes);
    this.#t.client._downloadSpeed(bytes);
  }

  /**
   * Stores a piece whose hash checked out, then tells webtorrent as it tells
   * itself after hashing a piece: bitfield, 'verified', HAVE to every peer,
   * done files and torrent. Rejects if the store fails.
   */
  async storeVerified(index: number, data: Uint8Array): Promise<void> {
    if (this.#t.destroyed) return void this.#held.delete(index);
    try {
      await this.#put(index, data);
    } catch (err) {
      this.release(index);
      throw err;
    }
    this.#verified(index, index);
  }

  /**
   * The same for `count` consecutive pieces from `first`, handed over as one
   * Blob (a web seed's body, whose bytes this thread never reads): the whole
   * pieces go to the IndexedDB store as they are (idb-chunk-store.ts
   * putRun); a short last piece, or every piece where the torrent has
   * another store (Node), is read out and put as bytes.
   */
  async storeVerifiedRun(first: number, count: number, run: Blob): Promise<void> {
    const t = this.#t;
    const last = first + count - 1;
    if (t.destroyed) {
      for (let i = first; i <= last; i++) this.#held.delete(i);
      return;
    }
    try {
      const idb = idbStoreOf(t.store);
      const whole = idb ? Math.floor(run.size / t.pieceLength) : 0;
      if (idb && whole > 0) await idb.putRun(first, run.slice(0, whole * t.pieceLength));
      const rest = whole === count ? new Uint8Array(0) : new Uint8Array(await run.slice(whole * t.pieceLength).arrayBuffer());
      await Promise.all(
        Array.from({ length: count - whole }, (_, i) => {
          const at = i * t.pieceLength;
          return this.#put(first + whole + i, rest.subarray(at, Math.min(rest.byteLength, at + t.pieceLength)));
        }),
      );
    } catch (err) {
      for (let i = first; i <= last; i++) this.release(i);
      throw err;
    }
    this.#verified(first, last);
  }

  #put(index: number, data: Uint8Array): Promise<void> {
    return new Promise((resolve, reject) => this.#t.store.put(index, data, (err) => (err ? reject(err) : resolve())));
  }

  /** Pieces `first..last` are stored: no longer held, and verified unless removed meanwhile or a peer delivered one first. */
  #verified(first: number, last: number): void {
    const t = this.#t;
    let any = false;
    for (let index = first; index <= last; index++) {
      this.#held.delete(index);
      if (t.destroyed || t.bitfield?.get(index) !== false) continue;
      t._markVerified(index);
      for (const wire of t.wires) wire.have(index);
      any = true;
    }
    if (any) t._checkDone();
  }
}

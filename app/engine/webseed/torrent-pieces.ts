import type { WtTorrent, WtTorrentInternals } from '../webtorrent';
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
  storeVerified(index: number, data: Uint8Array): Promise<void> {
    const t = this.#t;
    return new Promise((resolve, reject) => {
      if (t.destroyed) {
        this.#held.delete(index);
        return resolve();
      }
      t.store.put(index, data, (err) => {
        if (err) {
          this.release(index);
          return reject(err);
        }
        this.#held.delete(index);
        // Removed meanwhile, or a peer delivered the same piece first.
        if (t.destroyed || t.bitfield?.get(index) !== false) return resolve();
        t._markVerified(index);
        for (const wire of t.wires) wire.have(index);
        t._checkDone();
        resolve();
      });
    });
  }
}

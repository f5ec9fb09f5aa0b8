/** A chunk store as webtorrent 3.0.21 calls it: put() once a piece passed its hash, cb once written. */
export interface PuttingStore {
  put(index: number, buf: Uint8Array, cb?: (err: Error | null) => void): unknown;
}

/** Bytes of pieces handed over in one answer. */
const RUN_BYTES = 1024 * 1024;
/** Bytes of written pieces kept: about a second of download here, enough for a seek's first reads. */
const RECENT_BYTES = 4 * 1024 * 1024;

/** A piece's bytes in an ArrayBuffer of their own, so handing them over sends no neighbours. */
function ownCopy(piece: Uint8Array): ArrayBuffer {
  return piece.slice().buffer;
}

/**
 * The pieces that passed their hash lately: those being written to
 * IndexedDB, and the last RECENT_BYTES written. webtorrent calls a piece
 * verified only once its write has committed, and during a download the
 * writes queue up: measured here, 0.5-1 s from a seek's piece arriving to
 * its 'verified'; reading it back in the service worker took 20-150 ms more.
 * A stream that needs one of them takes its bytes from here instead
 * (stream-requests.ts).
 */
export class FreshPieces {
  readonly #pending = new Map<number, Uint8Array>();
  /** In the order written, oldest first. */
  readonly #recent = new Map<number, Uint8Array>();
  #recentBytes = 0;

  /** Wraps `store.put` so every piece it is handed is kept, and `onHashed` hears of it. */
  constructor(store: PuttingStore, onHashed: (index: number) => void) {
    const put = store.put.bind(store);
    store.put = (index, buf, cb) => {
      this.#pending.set(index, buf);
      const result = put(index, buf, (err) => {
        this.#written(index, buf, err === null || err === undefined);
        cb?.(err);
      });
      onHashed(index);
      return result;
    };
  }

  has(index: number): boolean {
    return this.#pending.has(index) || this.#recent.has(index);
  }

  /** Copies of the fresh pieces from `from` on, up to `to` and about RUN_BYTES; empty if `from` is not fresh. */
  run(from: number, to: number): ArrayBuffer[] {
    const out: ArrayBuffer[] = [];
    let bytes = 0;
    for (let index = from; index <= to && bytes < RUN_BYTES; index++) {
      const piece = this.#pending.get(index) ?? this.#recent.get(index);
      if (!piece) break;
      out.push(ownCopy(piece));
      bytes += piece.byteLength;
    }
    return out;
  }

  #written(index: number, buf: Uint8Array, ok: boolean): void {
    if (this.#pending.get(index) !== buf) return;
    this.#pending.delete(index);
    if (!ok) return;
    this.#recent.set(index, buf);
    this.#recentBytes += buf.byteLength;
    for (const [old, piece] of this.#recent) {
      if (this.#recentBytes <= RECENT_BYTES) break;
      this.#recent.delete(old);
      this.#recentBytes -= piece.byteLength;
    }
  }
}

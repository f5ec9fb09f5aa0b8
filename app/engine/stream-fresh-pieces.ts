/**
 * A chunk store as webtorrent 3.0.21 calls it: put() once a piece passed its
 * hash, cb once written, with the piece's bytes where the store hands them
 * back (idb-chunk-store.ts: its writer may have taken `buf`'s buffer).
 */
export interface PuttingStore {
  put(index: number, buf: Uint8Array, cb?: (err: Error | null, written?: Uint8Array) => void): unknown;
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
      const result = put(index, buf, (err, written) => {
        this.#written(index, buf, err === null || err === undefined, written);
        cb?.(err, written);
      });
      onHashed(index);
      return result;
    };
  }

  has(index: number): boolean {
    return this.#bytes(index) !== undefined;
  }

  /** Copies of the fresh pieces from `from` on, up to `to` and about RUN_BYTES; empty if `from` is not fresh. */
  run(from: number, to: number): ArrayBuffer[] {
    const out: ArrayBuffer[] = [];
    let bytes = 0;
    for (let index = from; index <= to && bytes < RUN_BYTES; index++) {
      const piece = this.#bytes(index);
      if (!piece) break;
      out.push(ownCopy(piece));
      bytes += piece.byteLength;
    }
    return out;
  }

  /** A piece's bytes if in hand; not while its buffer is away being written (an empty view then). */
  #bytes(index: number): Uint8Array | undefined {
    const piece = this.#pending.get(index) ?? this.#recent.get(index);
    return piece && piece.byteLength > 0 ? piece : undefined;
  }

  #written(index: number, buf: Uint8Array, ok: boolean, written: Uint8Array | undefined): void {
    if (this.#pending.get(index) !== buf) return;
    this.#pending.delete(index);
    if (!ok) return;
    const piece = written ?? buf;
    this.#recent.set(index, piece);
    this.#recentBytes += piece.byteLength;
    for (const [old, kept] of this.#recent) {
      if (this.#recentBytes <= RECENT_BYTES) break;
      this.#recent.delete(old);
      this.#recentBytes -= kept.byteLength;
    }
  }
}

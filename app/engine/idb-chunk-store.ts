import { openDb, piecesOf } from '../shared/db';
import { pieceSize } from '../shared/pieces';

type Callback<T = void> = (err: Error | null, value?: T) => void;

export interface ChunkStoreOptions {
  torrent: { infoHash: string };
  /** Total torrent length; lets put() reject chunks of the wrong size. */
  length?: number;
}

const noop = (): void => {};

/** A chunk that may be a view into a larger buffer, copied to its own ArrayBuffer. */
function ownBuffer(chunk: Uint8Array): ArrayBuffer {
  if (chunk.byteOffset === 0 && chunk.byteLength === chunk.buffer.byteLength && chunk.buffer instanceof ArrayBuffer) {
    return chunk.buffer;
  }
  return chunk.slice().buffer;
}

function storageError(err: unknown): Error {
  if (err instanceof DOMException && err.name === 'QuotaExceededError') {
    return new Error("The browser's storage for this site is full. Remove torrents to free space.");
  }
  return err instanceof Error ? err : new Error(String(err));
}

/**
 * webtorrent's chunk store (abstract-chunk-store) on IndexedDB. webtorrent
 * writes a piece only after its hash checks out and announces it as verified
 * only after put() calls back, which here is after the transaction commits:
 * a piece the engine calls verified is always readable by the service worker.
 */
export class IdbChunkStore {
  readonly chunkLength: number;
  readonly #infoHash: string;
  readonly #length: number | undefined;
  #closed = false;

  constructor(chunkLength: number, opts: ChunkStoreOptions) {
    this.chunkLength = chunkLength;
    this.#infoHash = opts.torrent.infoHash;
    this.#length = opts.length;
  }

  put(index: number, chunk: Uint8Array, cb: Callback = noop): void {
    if (this.#closed) return void queueMicrotask(() => cb(new Error('Storage is closed')));
    if (this.#length !== undefined) {
      const expected = pieceSize({ pieceLength: this.chunkLength, length: this.#length }, index);
      if (chunk.byteLength !== expected) {
        return void queueMicrotask(() => cb(new Error(`Piece ${index} should be ${expected} bytes, got ${chunk.byteLength}`)));
      }
    }
    this.#write(index, chunk).then(
      () => cb(null),
      (err: unknown) => cb(storageError(err)),
    );
  }

  get(index: number, opts: { offset?: number; length?: number } | null | Callback<Uint8Array>, cb?: Callback<Uint8Array>): void {
    if (typeof opts === 'function') return this.get(index, null, opts);
    const done = cb ?? noop;
    if (this.#closed) return void queueMicrotask(() => done(new Error('Storage is closed')));
    this.#read(index).then(
      (buf) => {
        if (!buf) return done(new Error(`Piece ${index} is not stored`));
        const offset = opts?.offset ?? 0;
        const length = opts?.length ?? buf.byteLength - offset;
        done(null, new Uint8Array(buf, offset, length));
      },
      (err: unknown) => done(storageError(err)),
    );
  }

  close(cb: Callback = noop): void {
    this.#closed = true;
    queueMicrotask(() => cb(null));
  }

  /** Deletes every piece of this torrent. */
  destroy(cb: Callback = noop): void {
    this.#closed = true;
    this.#deleteAll().then(
      () => cb(null),
      (err: unknown) => cb(storageError(err)),
    );
  }

  async #write(index: number, chunk: Uint8Array): Promise<void> {
    const db = await openDb();
    const tx = db.transaction('pieces', 'readwrite');
    await Promise.all([tx.store.put(ownBuffer(chunk), [this.#infoHash, index]), tx.done]);
  }

  async #read(index: number): Promise<ArrayBuffer | undefined> {
    return (await openDb()).get('pieces', [this.#infoHash, index]);
  }

  async #deleteAll(): Promise<void> {
    const db = await openDb();
    const tx = db.transaction('pieces', 'readwrite');
    await Promise.all([tx.store.delete(piecesOf(this.#infoHash)), tx.done]);
  }
}

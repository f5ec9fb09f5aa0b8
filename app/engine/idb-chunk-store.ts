import pLimit from 'p-limit';
import { openDb, piecesOf } from '../shared/db';
import { groupRuns, keyOf, RUN_BYTES, runPieces, type Span } from '../shared/piece-runs';
import { writePieces } from './piece-writes';
import { pieceOf, readPart, readRecordOf, type StoredRecord } from '../shared/records';
import { RecentRecords } from './recent-records';
import { pieceSize } from '../shared/pieces';
import { pieceWriter } from './piece-writer';

type Callback<T = void> = (err: Error | null, value?: T) => void;

export interface ChunkStoreOptions {
  torrent: { infoHash: string };
  /** Total torrent length; lets put() reject chunks of the wrong size. */
  length?: number;
}

const noop = (): void => {};

/**
 * Puts wait this long to be written together. One transaction per piece
 * (hundreds a second) starves the service worker's reads of the same store:
 * measured here, 3.8 s to read 4 stored pieces during a download.
 */
const FLUSH_DELAY_MS = 20;
/**
 * A queue this large is written at once, timer or not: a worker busy reading
 * a fast body can run its timer late (seen: 270-380 ms on a loaded machine),
 * and one transaction of tens of MiB holds up the service worker's reads.
 */
const FLUSH_BYTES = 4 * 1024 * 1024;
/** The most one write request carries; a larger queue goes to the writer in several. */
const MAX_BATCH_BYTES = 8 * 1024 * 1024;

/** Records of bytes kept once read, for the next pieces peers ask for (recent-records.ts): two of the largest runs. */
const RECENT_BYTES = 2 * RUN_BYTES;
/**
 * Read out of a Blob record at once, from the piece asked for on: a peer
 * streaming a file asks for the next pieces next, and each read of a Blob
 * is a round trip to the browser process. 16 pieces of 16 KiB, one of 256 KiB or more.
 */
const READ_AHEAD_BYTES = 256 * 1024;
/**
 * Lookups that run at once. Browser <- browser, 32 MiB, interleaved runs:
 * capped at 4, the seeding tab sent 2.61 MB/s median against 2.85 with no
 * cap; at 16, 2.72 against 2.66.
 */
export const MAX_LOOKUPS = 16;
/** Kept records go after this long unread: a torrent nobody downloads from holds no memory for it. */
const RECENT_IDLE_MS = 30_000;

/** Called once the piece is stored, with its bytes: the worker that wrote them hands them back in a buffer of their own. */
export type PutCallback = (err: Error | null, written?: Uint8Array) => void;

interface PendingPut {
  index: number;
  data: Uint8Array;
  cb: PutCallback;
}

/** A chunk that may be a view into a larger buffer, copied to its own ArrayBuffer. */
function ownBuffer(chunk: Uint8Array): ArrayBuffer {
  if (chunk.byteOffset === 0 && chunk.byteLength === chunk.buffer.byteLength && chunk.buffer instanceof ArrayBuffer) {
    return chunk.buffer;
  }
  return chunk.slice().buffer;
}

/** Whether `chunks` are views that lie one after another and fill their one ArrayBuffer. */
function fillOneBuffer(chunks: Uint8Array[]): boolean {
  const buffer = chunks[0]!.buffer;
  let end = 0;
  for (const c of chunks) {
    if (c.buffer !== buffer || c.byteOffset !== end) return false;
    end += c.byteLength;
  }
  return end === buffer.byteLength && buffer instanceof ArrayBuffer;
}

/** Consecutive pieces' bytes in one buffer: theirs if they already share one (web seed runs), else a copy. */
function joined(chunks: Uint8Array[]): ArrayBuffer {
  if (chunks.length === 1) return ownBuffer(chunks[0]!);
  if (fillOneBuffer(chunks)) return chunks[0]!.buffer as ArrayBuffer;
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out.buffer;
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
 *
 * The writes happen in a worker of their own (piece-writer.ts, started with
 * the engine), and a piece's buffer is transferred there if it is the
 * piece's alone (or its run's): after put(), the caller's view of it may be
 * empty. put's callback hands the bytes back.
 */
export class IdbChunkStore {
  readonly chunkLength: number;
  readonly #infoHash: string;
  readonly #length: number | undefined;
  #closed = false;
  #queue: PendingPut[] = [];
  #queuedBytes = 0;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #flushQueued = false;
  /** Batches handed to the writer and not yet committed; IndexedDB commits them in the order they began. */
  readonly #writes = new Set<Promise<void>>();
  readonly #recent = new RecentRecords(RECENT_BYTES);
  #recentTimer: ReturnType<typeof setTimeout> | null = null;
  /** Lookups under way or waiting, and the piece each is for. */
  readonly #lookups = new Map<Promise<StoredRecord | undefined>, number>();
  /** Lookups that run at once. */
  readonly #slots = pLimit(MAX_LOOKUPS);

  constructor(chunkLength: number, opts: ChunkStoreOptions) {
    this.chunkLength = chunkLength;
    this.#infoHash = opts.torrent.infoHash;
    this.#length = opts.length;
  }

  put(index: number, chunk: Uint8Array, cb: PutCallback = noop): void {
    if (this.#closed) return void queueMicrotask(() => cb(new Error('Storage is closed')));
    if (this.#length !== undefined) {
      const expected = pieceSize({ pieceLength: this.chunkLength, length: this.#length }, index);
      if (chunk.byteLength !== expected) {
        return void queueMicrotask(() => cb(new Error(`Piece ${index} should be ${expected} bytes, got ${chunk.byteLength}`)));
      }
    }
    this.#queue.push({ index, data: chunk, cb });
    this.#queuedBytes += chunk.byteLength;
    if (this.#queuedBytes >= FLUSH_BYTES) this.#flushSoon();
    else this.#timer ??= setTimeout(() => this.#flush(), FLUSH_DELAY_MS);
  }

  /**
   * Never inside put(): whoever called it may still read the chunk right
   * after (stream-fresh-pieces.ts copies it), and the write may take it away.
   */
  #flushSoon(): void {
    if (this.#flushQueued) return;
    this.#flushQueued = true;
    queueMicrotask(() => {
      this.#flushQueued = false;
      this.#flush();
    });
  }

  /** Hands the whole queue to the piece writer, which queues the writes itself (piece-writer.ts). */
  #flush(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    while (this.#queue.length > 0) this.#startBatch();
  }

  #startBatch(): void {
    let bytes = 0;
    let count = 0;
    while (count < this.#queue.length && (count === 0 || bytes + this.#queue[count]!.data.byteLength <= MAX_BATCH_BYTES)) {
      bytes += this.#queue[count]!.data.byteLength;
      count++;
    }
    const batch = this.#queue.splice(0, count);
    this.#queuedBytes -= bytes;
    const write = this.#writeBatch(batch).finally(() => this.#writes.delete(write));
    this.#writes.add(write);
  }

  /**
   * Stores consecutive whole pieces from `first` on as they are, `run`
   * holding their bytes end to end (a web seed's body, never read here), in
   * records of one run each (piece-runs.ts), one transaction. Resolves once
   * committed.
   */
  putRun(first: number, run: Blob): Promise<void> {
    if (this.#closed) return Promise.reject(new Error('Storage is closed'));
    const count = run.size / this.chunkLength;
    const last = first + count - 1;
    // Whole pieces only, as runs hold; the short last piece goes through put().
    if (!Number.isInteger(count) || count < 1 || (this.#length !== undefined && (last + 1) * this.chunkLength > this.#length)) {
      return Promise.reject(new Error(`Pieces from ${first}: ${run.size} bytes is not a run of whole pieces`));
    }
    const per = runPieces(this.chunkLength);
    const spans = groupRuns(Array.from({ length: count }, (_, i) => first + i), per);
    const records = spans.map((span) => {
      const at = (span.first - first) * this.chunkLength;
      return { key: keyOf(this.#infoHash, span), value: run.slice(at, at + span.count * this.chunkLength) };
    });
    const write = writePieces(records).then(
      () => undefined,
      (err: unknown) => Promise.reject(storageError(err)),
    );
    const tracked = write.catch(() => {}).finally(() => this.#writes.delete(tracked));
    this.#writes.add(tracked);
    return write;
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
        done(null, buf.subarray(offset, offset + length));
      },
      (err: unknown) => done(storageError(err)),
    );
  }

  close(cb: Callback = noop): void {
    this.#closed = true;
    this.#forgetRecent();
    queueMicrotask(() => cb(null));
  }

  /** Deletes every piece of this torrent, after any write already under way. */
  destroy(cb: Callback = noop): void {
    this.#closed = true;
    this.#forgetRecent();
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#queuedBytes = 0;
    for (const put of this.#queue.splice(0)) put.cb(new Error('Storage was deleted'));
    Promise.all(this.#writes)
      .then(() => this.#deleteAll())
      .then(
        () => cb(null),
        (err: unknown) => cb(storageError(err)),
      );
  }

  /** One transaction for the batch; each put calls back once it has committed. */
  async #writeBatch(batch: PendingPut[]): Promise<void> {
    const runs = this.#runsOf(batch);
    // Taken now: a chunk's view is empty once its buffer went to the writer.
    const sizes = runs.map(({ chunks }) => chunks.map((c) => c.byteLength));
    let values: ArrayBuffer[];
    try {
      values = await pieceWriter.write(runs.map(({ span, chunks }) => ({ key: keyOf(this.#infoHash, span), value: joined(chunks) })));
    } catch (err) {
      for (const put of batch) put.cb(storageError(err));
      return;
    }
    const written = new Map<number, Uint8Array>();
    runs.forEach(({ span }, r) => {
      let at = 0;
      sizes[r]!.forEach((size, i) => {
        written.set(span.first + i, new Uint8Array(values[r]!, at, size));
        at += size;
      });
    });
    for (const put of batch) put.cb(null, written.get(put.index));
  }

  /** The batch's whole pieces in runs of consecutive ones (piece-runs.ts); a short last piece alone. */
  #runsOf(batch: PendingPut[]): { span: Span; chunks: Uint8Array[] }[] {
    const byIndex = new Map(batch.map((put) => [put.index, put.data]));
    const whole = [...byIndex.keys()].filter((i) => byIndex.get(i)!.byteLength === this.chunkLength).sort((a, b) => a - b);
    const spans = groupRuns(whole, runPieces(this.chunkLength));
    for (const [index, data] of byIndex) if (data.byteLength !== this.chunkLength) spans.push({ first: index, count: 1 });
    return spans.map((span) => ({ span, chunks: Array.from({ length: span.count }, (_, i) => byIndex.get(span.first + i)!) }));
  }

  #forgetRecent(): void {
    if (this.#recentTimer) clearTimeout(this.#recentTimer);
    this.#recentTimer = null;
    this.#recent.clear();
  }

  /** The record holding piece `index`, then the piece (lookups: see #recordOf). */
  async #read(index: number): Promise<Uint8Array | undefined> {
    const record = await this.#recordOf(index);
    return record && pieceOf(record, index);
  }

  /**
   * A lookup waits for those under way for pieces near it, which may read
   * its piece ahead or its record (a peer streaming asks for the next pieces
   * next, and for each block of a piece). Lookups far apart run side by
   * side, MAX_LOOKUPS at a time: a peer downloading asks for pieces in random
   * order (rarest first), and one at a time each waited for the last one's
   * round trip to the browser process (measured: a 15-40 ms lookup per
   * piece held a seeding tab at 2 MB/s).
   */
  #recordOf(index: number): Promise<StoredRecord | undefined> {
    const ahead = this.#aheadPieces();
    const near = [...this.#lookups].filter(([, at]) => Math.abs(index - at) < ahead).map(([lookup]) => lookup);
    const lookup = Promise.allSettled(near).then(() => this.#slots(() => this.#lookUp(index)));
    this.#lookups.set(lookup, index);
    const forget = () => void this.#lookups.delete(lookup);
    lookup.then(forget, forget);
    return lookup;
  }

  /** Pieces one lookup of a Blob record reads. */
  #aheadPieces(): number {
    return Math.max(1, Math.floor(READ_AHEAD_BYTES / this.chunkLength));
  }

  async #lookUp(index: number): Promise<StoredRecord | undefined> {
    if (this.#recentTimer) clearTimeout(this.#recentTimer);
    this.#recentTimer = setTimeout(() => this.#recent.clear(), RECENT_IDLE_MS);
    const kept = this.#recent.find(index);
    if (kept && !(kept.value instanceof Blob)) return kept;
    const record = kept ?? (await readRecordOf(this.#infoHash, index));
    if (!record || this.#closed) return record;
    if (!kept) this.#recent.add(record);
    if (!(record.value instanceof Blob)) return record;
    const last = Math.min(record.span.first + record.span.count - 1, index + this.#aheadPieces() - 1);
    const part = await readPart({ ...record, value: record.value }, index, last);
    if (!this.#closed) this.#recent.add(part);
    return part;
  }

  async #deleteAll(): Promise<void> {
    const db = await openDb();
    const tx = db.transaction('pieces', 'readwrite');
    await Promise.all([tx.store.delete(piecesOf(this.#infoHash)), tx.done]);
  }
}

/** The IdbChunkStore under a torrent's store stack (webtorrent wraps it in a memory cache or two), if that is what it holds. */
export function idbStoreOf(store: unknown): IdbChunkStore | null {
  for (let s = store, depth = 0; s && typeof s === 'object' && depth < 4; s = (s as { store?: unknown }).store, depth++) {
    if (s instanceof IdbChunkStore) return s;
  }
  return null;
}

const MiB = 1024 * 1024;
/**
 * The first whole range: small enough to show progress soon, large enough to
 * cost little per byte. Under 5 MB, Chromium keeps a response Blob in memory
 * instead of writing it to its blob_storage files first. Warm bridge, 2 x 5
 * interleaved runs, 8 MiB against 4: first piece stored 1226/1174 -> 1081/1083
 * ms; navigation to 100 % 82.3/93.9 -> 88.5/94.8 MB/s. (Every range at 4 MiB
 * was slower: 60.8 -> 43.7 MB/s, many more requests.)
 */
const FIRST_WHOLE_BYTES = 4 * MiB;
/** A whole range never shrinks below one stored run (piece-runs.ts), as Chromium stores a run in a file of its own. */
const MIN_WHOLE_BYTES = 2 * MiB;
/** Whole ranges are sized to take about this long at the rate the last one came. */
const WHOLE_RANGE_MS = 500;
/** Below this (bytes per ms, i.e. kB/s), the source is slow: piece by piece from then on. */
const SLOW_RATE = 2_000;
/** At or above this, piece by piece gives way to whole ranges again. */
const FAST_RATE = 8_000;

/**
 * How a fetcher takes the bulk of a torrent from a source it trusts (the
 * app's own bridge, which only serves pieces whose hash it checked): whole
 * ranges, each one Blob the engine never reads (webseed-fetcher.ts), while
 * they come fast, since reading, hashing and handing bytes to IndexedDB is
 * most of the browser's CPU per byte (measured in a page on disk, 256 MiB:
 * 96-108 MB/s and 4.0-4.2 CPU-s of the machine read, hashed and stored;
 * 230-320 MB/s and 1.7-2.1 CPU-s taken whole). A whole range says nothing
 * until it has all come, so it is sized to the rate the last one came at,
 * and a slow source is read piece by piece again: progress per piece, and a
 * stalled read noticed in seconds.
 */
export class BulkMode {
  readonly #maxBytes: number;
  #whole = true;
  #bytes: number;

  /** `maxBytes`: the size of a piece-by-piece range, and the most a whole one asks for. */
  constructor(maxBytes: number) {
    this.#maxBytes = maxBytes;
    this.#bytes = Math.min(maxBytes, FIRST_WHOLE_BYTES);
  }

  /** Whether the next bulk range is taken whole. */
  get whole(): boolean {
    return this.#whole;
  }

  /** The most bytes the next bulk range asks for. */
  get rangeBytes(): number {
    return this.#whole ? this.#bytes : this.#maxBytes;
  }

  /** A bulk range of `bytes` came in `ms`, from its request to its last byte. */
  record(bytes: number, ms: number): void {
    const rate = bytes / Math.max(1, ms);
    if (this.#whole ? rate < SLOW_RATE : rate < FAST_RATE) {
      this.#whole = false;
      return;
    }
    this.#whole = true;
    this.#bytes = Math.floor(Math.min(this.#maxBytes, Math.max(MIN_WHOLE_BYTES, rate * WHOLE_RANGE_MS)));
  }
}

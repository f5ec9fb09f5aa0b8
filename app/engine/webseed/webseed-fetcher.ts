import type { WtTorrent, WtTorrentInternals } from '../webtorrent';
import { backoffMs } from './backoff';
import { ByteBudget } from './byte-budget';
import { Pacer } from './pacer';
import type { BodyFiller } from './body-filler';
import { BulkMode } from './bulk-mode';
import { fetchRangeBlob, openRangeBody } from './range-body';
import { fetchOrder, isWanted } from './piece-order';
import { bytesOf, planRange, type PieceRange, type TorrentGeometry } from './range-plan';
import { internalsOf, TorrentPieces } from './torrent-pieces';
import { pieceMatches } from './verify-piece';
import { runPieces } from '../../shared/piece-runs';
import { pieceSize } from '../../shared/pieces';
import { markOnce } from '../../shared/timing-marks';

const MiB = 1024 * 1024;
/** How the bulk of a torrent is requested; tests shrink the ranges to see several requests on a small torrent. */
export interface FetchTuning {
  /** Requests for the bulk of the torrent kept in flight, beside the urgent slot. */
  bulkRequests: number;
  /** Bytes per request, rounded down to whole pieces (at least one). */
  rangeBytes: number;
  /**
   * The source only serves pieces whose hash it checked, and is trusted as
   * the app itself is: the app's own bridge, the server that also serves
   * this code. Its bulk ranges are then taken whole (bulk-mode.ts) with one
   * piece of each checked.
   */
  trusted: boolean;
}

/**
 * Fewer, longer bodies cost Chromium's network stack less CPU per byte than
 * many short ones: measured in a worker on loopback, fetched, hashed and
 * stored, 2 x 32 MiB ~110 MB/s against 4 x 4 MiB ~80 (a request costs ~5 ms
 * to its headers). Two keep one body flowing while the other starts, and
 * leave Chromium's six connections per host to the urgent slot and the app.
 */
const DEFAULT_TUNING: FetchTuning = { bulkRequests: 2, rangeBytes: 32 * MiB, trusted: false };
/** Fetched but not yet stored (hashing or waiting for IndexedDB). */
const UNSTORED_LIMIT = 48 * MiB;
/** The same for whole ranges, which wait in the browser's memory, not this thread's: a few of the largest. */
const UNSTORED_WHOLE_LIMIT = 96 * MiB;
/** How often an idle slot looks again, for pieces a stalled peer gave back. */
const IDLE_POLL_MS = 500;

const running = new WeakMap<WtTorrent, WebSeedFetcher>();

/**
 * Downloads a torrent's pieces from a whole-torrent HTTP URL (the bridge's
 * `/webseed/<infoHash>`, see tracker-server/routes/webseed.ts) in place of
 * webtorrent's BEP19 client, which fetches one piece per request. Starts once
 * the torrent is ready and stops when it is done or closed (paused, removed),
 * or when another URL replaces this one.
 */
export function fetchFromWebSeed(torrent: WtTorrent, url: string, tuning: Partial<FetchTuning> = {}): void {
  const current = running.get(torrent);
  if (current?.url === url) return;
  current?.stop();
  const fetcher = new WebSeedFetcher(internalsOf(torrent), url, { ...DEFAULT_TUNING, ...tuning });
  running.set(torrent, fetcher);
  if (torrent.ready) fetcher.start();
  else torrent.once('ready', () => fetcher.start());
}

/** Stops fetching a torrent's pieces over HTTP, e.g. when the user turns the bridge off. */
export function stopFetchingFromWebSeed(torrent: WtTorrent): void {
  running.get(torrent)?.stop();
  running.delete(torrent);
}

/**
 * Several piece-aligned range requests in flight, plus one slot kept for what
 * a stream waits for. Each piece is cut out of the body as it arrives, its
 * SHA-1 checked, stored, and only then announced as verified; from a
 * trusted source, the bulk comes in whole ranges instead (#fetchWhole).
 */
class WebSeedFetcher {
  readonly #torrent: WtTorrentInternals;
  readonly #pieces: TorrentPieces;
  readonly #url: string;
  readonly #tuning: FetchTuning;
  /** Known once the torrent is ready. */
  #geometry: TorrentGeometry = { pieceLength: 0, length: 0 };
  readonly #abort = new AbortController();
  readonly #budget = new ByteBudget(UNSTORED_LIMIT);
  readonly #wholeBudget = new ByteBudget(UNSTORED_WHOLE_LIMIT);
  readonly #bulk: BulkMode;
  /** Cleared for good once a whole range's checked piece fails. */
  #trusted: boolean;
  readonly #pacer: Pacer;
  #failures = 0;
  #retryAt = 0;
  #sleepers = new Set<() => void>();

  constructor(torrent: WtTorrentInternals, url: string, tuning: FetchTuning) {
    this.#torrent = torrent;
    this.#pieces = new TorrentPieces(torrent);
    this.#url = url;
    this.#tuning = tuning;
    this.#trusted = tuning.trusted;
    this.#bulk = new BulkMode(tuning.rangeBytes);
    this.#pacer = new Pacer(() => (torrent.destroyed ? -1 : torrent.client._downloadLimit));
  }

  get url(): string {
    return this.#url;
  }

  start(): void {
    if (this.#stopped) return;
    this.#geometry = { pieceLength: this.#torrent.pieceLength, length: this.#torrent.length };
    this.#torrent.once('close', () => this.stop());
    this.#pieces.onSelectionChange(() => this.#wakeAll());
    // With first-byte, -hashed and -stored: splits the time to first progress (bench/profile-bridge.ts).
    markOnce('webseed:start');
    for (let i = 0; i < this.#tuning.bulkRequests; i++) void this.#run(false);
    void this.#run(true);
  }

  /** Ends every request; pieces not yet verified go back to webtorrent. */
  stop(): void {
    this.#abort.abort();
    this.#wakeAll();
  }

  get #stopped(): boolean {
    return this.#abort.signal.aborted || this.#torrent.destroyed;
  }

  /** One request slot: plan, fetch, repeat; `urgent` slots take only what streams wait for. */
  async #run(urgent: boolean): Promise<void> {
    while (!this.#stopped && !this.#torrent.done) {
      const wait = this.#retryAt - Date.now();
      if (wait > 0) {
        await this.#sleep(wait);
        continue;
      }
      const wanted = this.#pieces.wanted;
      const range = planRange(
        fetchOrder(wanted, urgent),
        (index) => isWanted(wanted, urgent, index) && this.#pieces.claim(index),
        this.#torrent.pieces.length,
        this.#geometry.pieceLength,
        urgent || !this.#trusted ? this.#tuning.rangeBytes : this.#bulk.rangeBytes,
      );
      if (!range) {
        await this.#sleep(IDLE_POLL_MS);
        continue;
      }
      try {
        if (!urgent && this.#trusted && this.#bulk.whole && !this.#pacer.limited) await this.#fetchWhole(range);
        else await this.#fetch(range, urgent);
        this.#failures = 0;
      } catch (err) {
        if (this.#stopped) return;
        this.#failed(err instanceof Error ? err.message : String(err));
      }
    }
  }

  async #fetch(range: PieceRange, urgent: boolean): Promise<void> {
    const bytes = bytesOf(this.#geometry, range);
    const started = Date.now();
    // What a stream waits for is handed on piece by piece, and so is everything under a
    // download limit (a 2 MiB read at 64 KB/s would be one burst, then 30 s of nothing);
    // otherwise the bulk comes a stored run at a time (below).
    const perRead = urgent || this.#pacer.limited ? 1 : runPieces(this.#geometry.pieceLength);
    let next = range.first;
    let body: BodyFiller | null = null;
    try {
      body = await openRangeBody(this.#url, bytes, this.#abort.signal);
      while (next <= range.last) {
        const sizes = Array.from({ length: Math.min(perRead, range.last - next + 1) }, (_, i) => pieceSize(this.#geometry, next + i));
        const total = sizes.reduce((a, b) => a + b, 0);
        // Held from before the read, so a slow IndexedDB stops the reading.
        await this.#budget.take(total);
        let data: Uint8Array<ArrayBuffer>;
        try {
          // A run's pieces in one buffer of their own, which the chunk store then stores without a copy.
          data = await body.fill(new Uint8Array(total));
        } catch (err) {
          this.#budget.give(total);
          throw err;
        }
        let at = 0;
        for (const size of sizes) {
          if (at + size > data.byteLength) break;
          // Named for the first bytes in hand: a whole piece, as pieces are read whole.
          markOnce('webseed:first-byte');
          this.#pieces.countDownload(size);
          void this.#accept({ index: next, data: data.subarray(at, at + size) });
          at += size;
          next++;
        }
        if (at < total) {
          this.#budget.give(total - at);
          break;
        }
        const wait = this.#pacer.book(total, Date.now());
        if (wait > 0) await this.#sleep(wait);
      }
      if (next <= range.last || (await body.hasMore())) {
        throw new Error(`the server sent a wrong length for bytes ${bytes.start}-${bytes.end}`);
      }
      if (!urgent) this.#bulk.record(bytes.end - bytes.start + 1, Date.now() - started);
    } finally {
      await body?.cancel();
      // Pieces the body did not bring go back to webtorrent (and to the next plan).
      for (let i = next; i <= range.last; i++) this.#pieces.release(i);
    }
  }

  /**
   * A bulk range from a trusted source, taken whole as a Blob: its bytes
   * stay in the browser's network and storage code, never copied into this
   * thread nor hashed here. One piece of it, picked at random, is hashed,
   * so a source that sends wrong bytes (a bug, a file changed under it) is
   * caught, and from then on every piece is checked.
   */
  async #fetchWhole(range: PieceRange): Promise<void> {
    const bytes = bytesOf(this.#geometry, range);
    const size = bytes.end - bytes.start + 1;
    let storing = false;
    await this.#wholeBudget.take(size);
    try {
      const started = Date.now();
      const run = await fetchRangeBlob(this.#url, bytes, this.#abort.signal);
      this.#bulk.record(size, Date.now() - started);
      markOnce('webseed:first-byte');
      this.#pieces.countDownload(size);
      const checked = range.first + Math.floor(Math.random() * (range.last - range.first + 1));
      if (!(await this.#pieceOfRunMatches(run, range.first, checked))) {
        this.#trusted = false;
        throw new Error(`piece ${checked} failed verification; checking every piece from now on`);
      }
      markOnce('webseed:first-hashed');
      if (this.#stopped) return;
      storing = true;
      void this.#storeWhole(range, run, size);
    } finally {
      if (!storing) {
        this.#wholeBudget.give(size);
        for (let i = range.first; i <= range.last; i++) this.#pieces.release(i);
      }
    }
  }

  async #pieceOfRunMatches(run: Blob, first: number, index: number): Promise<boolean> {
    const expected = this.#torrent._hashes[index];
    const at = (index - first) * this.#geometry.pieceLength;
    const data = new Uint8Array(await run.slice(at, at + pieceSize(this.#geometry, index)).arrayBuffer());
    return expected !== undefined && (await pieceMatches(data, expected));
  }

  async #storeWhole(range: PieceRange, run: Blob, size: number): Promise<void> {
    try {
      await this.#pieces.storeVerifiedRun(range.first, range.last - range.first + 1, run);
      markOnce('webseed:first-stored');
    } catch (err) {
      this.#storeFailed(err);
    } finally {
      this.#wholeBudget.give(size);
    }
  }

  /** As webtorrent does when its store fails (e.g. storage full): the torrent stops with the error. */
  #storeFailed(err: unknown): void {
    if (!this.#torrent.destroyed) this.#torrent._destroy(err instanceof Error ? err : new Error(String(err)));
  }

  /** Checks a piece's hash, then stores it; a bad piece is never stored. */
  async #accept({ index, data }: { index: number; data: Uint8Array<ArrayBuffer> }): Promise<void> {
    // Taken now: once stored, `data` may be empty (its buffer went to the piece writer).
    const size = data.byteLength;
    try {
      const expected = this.#torrent._hashes[index];
      if (expected === undefined || !(await pieceMatches(data, expected))) {
        this.#pieces.release(index);
        if (!this.#stopped) this.#failed(`piece ${index} failed verification`);
        return;
      }
      markOnce('webseed:first-hashed');
      if (this.#stopped) return this.#pieces.release(index);
      await this.#pieces.storeVerified(index, data);
      markOnce('webseed:first-stored');
    } catch (err) {
      this.#storeFailed(err);
    } finally {
      this.#budget.give(size);
    }
  }

  /** Every slot waits longer after each failure in a row. */
  #failed(reason: string): void {
    this.#failures++;
    const delay = backoffMs(this.#failures);
    this.#retryAt = Date.now() + delay;
    console.warn(`[engine] web seed ${this.#torrent.infoHash.slice(0, 8)}: ${reason}; retrying in ${delay} ms`);
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const wake = (): void => {
        clearTimeout(timer);
        this.#sleepers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      this.#sleepers.add(wake);
    });
  }

  /** Selections changed or the torrent closed: idle slots look again now. */
  #wakeAll(): void {
    if (this.#retryAt > Date.now() && !this.#stopped) return;
    for (const wake of [...this.#sleepers]) wake();
  }
}

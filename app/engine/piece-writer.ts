import type { PieceWrite, WriteRequest, WriterMessage } from '../shared/piece-writer-contract';
import pLimit from 'p-limit';
import { TRANSACTIONS_AT_ONCE, writePieces } from './piece-writes';

interface Pending {
  resolve: (values: ArrayBuffer[]) => void;
  reject: (err: Error) => void;
}

/** A writer not ready by then is given up for this thread (it starts in tens of ms). */
const READY_TIMEOUT_MS = 5000;

/**
 * Hands the chunk store's writes to a worker of their own. Putting a value
 * into IndexedDB costs the putting thread about 2 ms per MiB (serialising it,
 * wrapping it in a blob); on the engine's thread that time was taken from
 * reading response bodies, which then waited. The values are transferred,
 * not copied, and come back once committed. Measured (bench/profile-bridge.ts
 * --disk, interleaved runs), warm bridge download 81 -> 93 MB/s.
 *
 * The first write starts the worker, and writes wait for it to say it is
 * ready. Started with the engine, its thread, script and database open took
 * CPU from a link's start on 2 cores, before any piece was there to write:
 * first-frame A/B, 8 interleaved runs, 1648 -> 1581 ms median (warm bridge
 * 77.8 -> 78.9 MB/s, first piece stored 1152 -> 1129 ms; a stream reads
 * fresh pieces from the engine meanwhile). Where a worker cannot start one,
 * or it fails to load or to get ready, writes happen on this thread: a value
 * is never handed to a worker that may not be there to store it.
 */
class PieceWriter {
  #worker: Worker | null = null;
  /** Settles true once the worker is ready, false once it is given up. */
  #ready: Promise<boolean> = Promise.resolve(false);
  #settleReady: (ready: boolean) => void = () => {};
  /** It failed once: do not start another. */
  #failed = false;
  #nextId = 0;
  readonly #pending = new Map<number, Pending>();
  /** Writes on this thread, when there is no writer, queue as the writer's do. */
  readonly #inThread = pLimit(TRANSACTIONS_AT_ONCE);

  /** Starts the worker, once: the first write does. */
  start(): void {
    if (this.#worker || this.#failed || typeof Worker === 'undefined') return;
    try {
      this.#worker = new Worker(new URL('./piece-writer-worker.ts', import.meta.url), { type: 'module', name: 'piece-writer' });
    } catch (err) {
      console.warn('[engine] piece writer did not start; writing on the engine thread:', err);
      this.#failed = true;
      return;
    }
    this.#ready = new Promise((resolve) => (this.#settleReady = resolve));
    const timer = setTimeout(() => this.#fail(`not ready after ${READY_TIMEOUT_MS / 1000} s`), READY_TIMEOUT_MS);
    void this.#ready.then(() => clearTimeout(timer));
    this.#worker.onmessage = ({ data }: MessageEvent<WriterMessage>) => this.#receive(data);
    this.#worker.onerror = (ev) => this.#fail(ev.message || 'it failed to load');
  }

  /**
   * Stores the records in one transaction; resolves with their values once
   * committed. Writes queue, at most TRANSACTIONS_AT_ONCE under way.
   */
  async write(writes: PieceWrite[]): Promise<ArrayBuffer[]> {
    this.start();
    const worker = this.#worker;
    if (!worker || !(await this.#ready) || worker !== this.#worker) return this.#inThread(() => writePieces(writes));
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      worker.postMessage({ id, writes } satisfies WriteRequest, writes.map((w) => w.value));
    });
  }

  #receive(message: WriterMessage): void {
    if (message.type === 'ready') {
      this.#settleReady(true);
      return;
    }
    const pending = this.#pending.get(message.id);
    this.#pending.delete(message.id);
    if (message.type === 'written') pending?.resolve(message.values);
    // A DOMException again, so a full disk still reads as QuotaExceededError.
    else pending?.reject(new DOMException(message.message, message.name));
  }

  #fail(reason: string): void {
    if (!this.#worker) return;
    console.warn(`[engine] piece writer stopped (${reason}); writing on the engine thread`);
    this.#worker.terminate();
    this.#worker = null;
    this.#failed = true;
    this.#settleReady(false);
    for (const { reject } of this.#pending.values()) reject(new Error(`Storing pieces failed: the piece writer stopped (${reason}).`));
    this.#pending.clear();
  }
}

/** The engine's one piece writer, shared by every torrent's chunk store. */
export const pieceWriter = new PieceWriter();

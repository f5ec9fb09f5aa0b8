import { openDb } from '../shared/db';
import type { PieceWrite } from '../shared/piece-writer-contract';

/**
 * Write transactions under way at once. A second one hands its values to
 * IndexedDB (10-20 ms per 4 MiB) while the first commits (15-50 ms on
 * disk); one at a time, the two added up. More would put more writes ahead
 * of the service worker's reads of the same store.
 */
export const TRANSACTIONS_AT_ONCE = 2;

/**
 * Values of bytes this large are stored as Blobs. Chromium keeps any value
 * over 64 KiB in a file of its own, but one of bytes is read back whole: a
 * peer's 64 KiB piece of a 2 MiB run read all 2 MiB. Of a Blob, only the
 * part asked for is read. bench/idb-write-cost.ts, 2 MiB values on disk,
 * bytes against Blobs (2 interleaved runs each): 1000 random 64 KiB parts
 * 10.4-13.1 s and 4.9-6.1 CPU-s against 1.5-1.9 s and 1.8-1.9; a whole
 * value p50 9.0-12.3 ms against 6.5-7.7; writing 256 MiB 108-125 MB/s
 * against 135-138.
 */
export const BLOB_BYTES = 64 * 1024;

/** What IndexedDB is given for a record's value. */
export function storedValue(value: ArrayBuffer | Blob): ArrayBuffer | Blob {
  return value instanceof ArrayBuffer && value.byteLength >= BLOB_BYTES ? new Blob([value]) : value;
}

/**
 * Stores records in one transaction and resolves once it has committed,
 * with the values as they were given: bytes (the piece writer's, stored as
 * Blobs when large) or Blobs (runs the web seed fetcher stores unread).
 */
export async function writePieces<V extends ArrayBuffer | Blob>(writes: (Omit<PieceWrite, 'value'> & { value: V })[]): Promise<V[]> {
  const db = await openDb();
  const tx = db.transaction('pieces', 'readwrite', { durability: 'relaxed' });
  const puts = writes.map(({ key, value }) => tx.store.put(storedValue(value), key));
  // Commit as soon as IndexedDB has the values. Left to auto-commit, the transaction waits
  // until this thread has run every put's success event; a trace of a warm download showed
  // that 270 ms late at the start, with the next batch's transaction waiting behind it.
  tx.commit();
  await Promise.all([...puts, tx.done]);
  return writes.map((w) => w.value);
}

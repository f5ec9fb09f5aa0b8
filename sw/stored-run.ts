import { openDb } from '../app/shared/db';

/**
 * Bytes of stored pieces read in one IndexedDB transaction. Torrents of a
 * few tens of MB have 16-32 KiB pieces, and one read per piece made the
 * first frame wait on a dozen sequential reads.
 */
const RUN_BYTES = 1024 * 1024;

/** The last piece of the run that starts at `from`: at least one piece, never past `last`. */
export function runEnd(from: number, last: number, pieceLength: number): number {
  const count = Math.max(1, Math.floor(RUN_BYTES / pieceLength));
  return Math.min(last, from + count - 1);
}

/** The stored pieces from `from` to `to`, stopping at the first one not stored. */
export async function readStoredRun(infoHash: string, from: number, to: number): Promise<ArrayBuffer[]> {
  const tx = (await openDb()).transaction('pieces', 'readonly');
  const reads: Promise<ArrayBuffer | undefined>[] = [];
  for (let index = from; index <= to; index++) reads.push(tx.store.get([infoHash, index]));
  const run: ArrayBuffer[] = [];
  for (const piece of await Promise.all(reads)) {
    if (!piece) break;
    run.push(piece);
  }
  return run;
}

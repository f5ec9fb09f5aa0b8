import { openDb, piecesOf, type TorrentRecord } from './db';
import { indexesOf, piecesOfRecord, planRead, windowBounds } from './piece-runs';

/** Typed reads and writes of torrents and pieces, shared by the engine and the service worker. */

export async function getRecord(infoHash: string): Promise<TorrentRecord | undefined> {
  return (await openDb()).get('torrents', infoHash);
}

export async function allRecords(): Promise<TorrentRecord[]> {
  return (await openDb()).getAll('torrents');
}

export async function putRecord(record: TorrentRecord): Promise<void> {
  const db = await openDb();
  const tx = db.transaction('torrents', 'readwrite');
  await Promise.all([tx.store.put(record), tx.done]);
}

/** Deletes a torrent's record and all of its pieces in one transaction. */
export async function deleteTorrent(infoHash: string): Promise<void> {
  const db = await openDb();
  const tx = db.transaction(['torrents', 'pieces'], 'readwrite');
  await Promise.all([tx.objectStore('torrents').delete(infoHash), tx.objectStore('pieces').delete(piecesOf(infoHash)), tx.done]);
}

/** Indexes of the torrent's verified pieces. */
export async function storedPieces(infoHash: string): Promise<number[]> {
  return indexesOf(await (await openDb()).getAllKeys('pieces', piecesOf(infoHash)));
}

/**
 * The stored pieces from `from` to `to`, in one transaction, stopping at the
 * first one not stored; views into the records read (piece-runs.ts).
 */
export async function readStoredRun(infoHash: string, from: number, to: number): Promise<Uint8Array<ArrayBuffer>[]> {
  const tx = (await openDb()).transaction('pieces', 'readonly');
  const { lower, upper } = windowBounds(infoHash, from, to);
  const steps = planRead(await tx.store.getAllKeys(IDBKeyRange.bound(lower, upper)), from, to);
  const values = await Promise.all(steps.map((step) => tx.store.get(step.key)));
  const pieces: Uint8Array<ArrayBuffer>[] = [];
  for (const [i, value] of values.entries()) {
    // The transaction holds its keys steady, so a planned record is there; should one not be, the run ends.
    if (!value) break;
    pieces.push(...piecesOfRecord(steps[i]!, value));
  }
  return pieces;
}

export async function readPiece(infoHash: string, index: number): Promise<Uint8Array<ArrayBuffer> | undefined> {
  return (await readStoredRun(infoHash, index, index))[0];
}

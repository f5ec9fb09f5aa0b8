import { openDb, piecesOf, type TorrentRecord } from './db';
import { indexesOf, piecesOfPart, piecesOfRecord, planRead, recordBytes, windowBounds, type PieceKey, type ReadStep, type Span } from './piece-runs';

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
  // The transaction holds its keys steady, so a planned record is there; should one not be, the run ends.
  const found = values.findIndex((value) => !value);
  const read = await Promise.all(steps.slice(0, found === -1 ? steps.length : found).map((step, i) => piecesOfValue(step, values[i]!)));
  return read.flat();
}

/** A record's wanted pieces; of a Blob (runs the web seed fetcher stored whole), only their bytes are read. */
async function piecesOfValue(step: ReadStep, value: ArrayBuffer | Blob): Promise<Uint8Array<ArrayBuffer>[]> {
  if (!(value instanceof Blob)) return piecesOfRecord(step, value);
  const { start, end } = recordBytes(step, value.size);
  return piecesOfPart(step, await value.slice(start, end).arrayBuffer());
}

/** A stored record as read: the pieces of `span`, end to end, as bytes or as a Blob (piece-runs.ts). */
export interface StoredRecord {
  key: PieceKey;
  span: Span;
  value: ArrayBuffer | Blob;
}

/** The record that holds piece `index`, unread if it is a Blob. */
export async function readRecordOf(infoHash: string, index: number): Promise<StoredRecord | undefined> {
  const tx = (await openDb()).transaction('pieces', 'readonly');
  const { lower, upper } = windowBounds(infoHash, index, index);
  const [step] = planRead(await tx.store.getAllKeys(IDBKeyRange.bound(lower, upper)), index, index);
  if (!step) return undefined;
  const value = await tx.store.get(step.key);
  return value ? { key: step.key, span: step.span, value } : undefined;
}

/**
 * Pieces `from..to` of a Blob record, read out into a record of bytes of
 * their own (its span just those pieces): one read for what a peer asks next.
 */
export async function readPart(record: StoredRecord & { value: Blob }, from: number, to: number): Promise<StoredRecord> {
  const { key, span, value } = record;
  const { start, end } = recordBytes({ key, span, from, to }, value.size);
  return { key, span: { first: from, count: to - from + 1 }, value: await value.slice(start, end).arrayBuffer() };
}

/** Piece `index` of a record from readRecordOf; of a Blob, only that piece's bytes are read. */
export async function pieceOf({ key, span, value }: StoredRecord, index: number): Promise<Uint8Array<ArrayBuffer>> {
  const [piece] = await piecesOfValue({ key, span, from: index, to: index }, value);
  return piece!;
}

import { openDb, piecesOf, type TorrentRecord } from './db';

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
  const keys = await (await openDb()).getAllKeys('pieces', piecesOf(infoHash));
  return keys.map(([, index]) => index);
}

export async function readPiece(infoHash: string, index: number): Promise<ArrayBuffer | undefined> {
  return (await openDb()).get('pieces', [infoHash, index]);
}

export async function hasPiece(infoHash: string, index: number): Promise<boolean> {
  return (await (await openDb()).count('pieces', [infoHash, index])) > 0;
}

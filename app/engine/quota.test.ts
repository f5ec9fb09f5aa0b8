import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { TorrentRecord } from '../shared/db';
import { openDb } from '../shared/db';
import { StorageQuota } from './quota';

const MB = 1024 ** 2;

function record(infoHash: string, pieceCount: number): TorrentRecord {
  const pieceLength = MB;
  return {
    infoHash,
    magnetURI: `magnet:?xt=urn:btih:${infoHash}`,
    displayName: null,
    addedAt: 0,
    meta: {
      name: infoHash,
      length: pieceLength * pieceCount,
      pieceLength,
      lastPieceLength: pieceLength,
      pieceCount,
      files: [],
      torrentFile: new ArrayBuffer(0),
    },
  };
}

async function storePieces(infoHash: string, indexes: number[]): Promise<void> {
  const db = await openDb();
  const tx = db.transaction('pieces', 'readwrite');
  await Promise.all([...indexes.map((i) => tx.store.put(new ArrayBuffer(8), [infoHash, i])), tx.done]);
}

describe('StorageQuota', () => {
  it('counts stored pieces from IndexedDB and each new one', async () => {
    const a = record('a'.repeat(40), 10);
    await storePieces(a.infoHash, [0, 1, 2]);
    const quota = new StorageQuota();
    await quota.countOnce([a]);
    expect(quota.used, 'nothing is read without a limit').toBe(0);
    quota.limit = 4 * MB;
    await quota.countOnce([a]);
    expect(quota.used).toBe(3 * MB);
    expect(quota.addPiece(a, 3)).toBe(true);
    expect(quota.reached).toBe(true);
    expect(quota.message).toBe('Storage limit of 4 MB reached. Free space in the Library or raise the limit in Settings.');
  });

  it('never reaches a limit that is not set', () => {
    const quota = new StorageQuota();
    const b = record('b'.repeat(40), 2);
    expect(quota.addPiece(b, 0)).toBe(false);
    expect(quota.reached).toBe(false);
  });

  it('releases held torrents only once under the limit again', () => {
    const quota = new StorageQuota();
    const c = record('c'.repeat(40), 4);
    const d = record('d'.repeat(40), 4);
    quota.limit = 2 * MB;
    quota.addPiece(c, 0);
    quota.addPiece(d, 0);
    quota.hold(d.infoHash);
    expect(quota.release()).toEqual([]);
    quota.forget(c.infoHash);
    expect(quota.release()).toEqual([d.infoHash]);
    expect(quota.release()).toEqual([]);
  });

  it('counts a raised limit as room', () => {
    const quota = new StorageQuota();
    const e = record('e'.repeat(40), 4);
    quota.limit = MB;
    quota.addPiece(e, 0);
    quota.hold(e.infoHash);
    quota.limit = null;
    expect(quota.release()).toEqual([e.infoHash]);
  });
});

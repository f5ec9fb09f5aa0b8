import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { openDb } from '../app/shared/db';
import { deleteTorrent } from '../app/shared/records';
import { readStoredRun, runEnd } from './stored-run';

const IH = 'c'.repeat(40);

async function store(indexes: number[]): Promise<void> {
  const tx = (await openDb()).transaction('pieces', 'readwrite');
  await Promise.all([...indexes.map((i) => tx.store.put(new Uint8Array([i]).buffer, [IH, i])), tx.done]);
}

describe('runEnd', () => {
  it('reads a stored run record of small pieces at once', () => {
    expect(runEnd(10, 10_000, 16 * 1024)).toBe(10 + 64 - 1);
  });

  it('reads at least one piece, and never past the last one needed', () => {
    expect(runEnd(3, 100, 4 * 1024 * 1024)).toBe(3);
    expect(runEnd(3, 5, 16 * 1024)).toBe(5);
  });
});

describe('readStoredRun', () => {
  beforeEach(() => deleteTorrent(IH));

  it('returns the stored pieces in order up to the first missing one', async () => {
    await store([0, 1, 2, 4]);
    const run = await readStoredRun(IH, 0, 4);
    expect(run.map((b) => b[0])).toEqual([0, 1, 2]);
  });

  it('reads runs and single pieces alike, as views of whole pieces', async () => {
    const tx = (await openDb()).transaction('pieces', 'readwrite');
    await Promise.all([
      tx.store.put(Uint8Array.from([10, 10, 11, 11, 12, 12]).buffer, [IH, 10, 3]),
      tx.store.put(Uint8Array.from([13, 13]).buffer, [IH, 13]),
      tx.store.put(Uint8Array.from([14, 14, 15, 15]).buffer, [IH, 14, 2]),
      tx.done,
    ]);
    const run = await readStoredRun(IH, 11, 20);
    expect(run.map((p) => [...p])).toEqual([[11, 11], [12, 12], [13, 13], [14, 14], [15, 15]]);
  });

  it('is empty when the first piece is missing', async () => {
    await store([1]);
    expect(await readStoredRun(IH, 0, 1)).toEqual([]);
  });
});

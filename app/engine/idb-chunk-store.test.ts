import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { openDb } from '../shared/db';
import { RUN_BYTES } from '../shared/piece-runs';
import { deleteTorrent, readStoredRun, storedPieces } from '../shared/records';
import { IdbChunkStore, MAX_LOOKUPS } from './idb-chunk-store';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);

function call<T>(fn: (cb: (err: Error | null, value?: T) => void) => void): Promise<T | undefined> {
  return new Promise((resolve, reject) => fn((err, value) => (err ? reject(err) : resolve(value))));
}

/** A store of `count` 16 KiB pieces in one Blob record, piece i filled with i + 1. */
async function blobRecordStore(count: number) {
  const piece = 16 * 1024;
  const store = new IdbChunkStore(piece, { torrent: { infoHash: A }, length: count * piece });
  const data = (i: number) => new Uint8Array(piece).fill(i + 1);
  await store.putRun(0, new Blob(Array.from({ length: count }, (_, i) => data(i))));
  return { store, piece, data };
}

/** Adds 'look up' to `steps` each time the store looks a record up (records.ts, readRecordOf). */
function recordLookups(steps: string[]) {
  const getAllKeys = Reflect.get(IDBObjectStore.prototype, 'getAllKeys');
  return vi.spyOn(IDBObjectStore.prototype, 'getAllKeys').mockImplementation(function (this: IDBObjectStore, ...args) {
    steps.push('look up');
    return getAllKeys.apply(this, args);
  });
}

const bytes = (n: number, seed: number): Uint8Array<ArrayBuffer> => Uint8Array.from({ length: n }, (_, i) => (i + seed) % 256);

describe('IdbChunkStore', () => {
  beforeEach(async () => {
    await deleteTorrent(A);
    await deleteTorrent(B);
  });

  it('stores pieces and reads them back, whole and in part', async () => {
    const store = new IdbChunkStore(16, { torrent: { infoHash: A }, length: 40 });
    await call((cb) => store.put(0, bytes(16, 1), cb));
    await call((cb) => store.put(2, bytes(8, 3), cb));
    expect(await call<Uint8Array>((cb) => store.get(0, cb))).toEqual(bytes(16, 1));
    expect(await call<Uint8Array>((cb) => store.get(0, { offset: 4, length: 6 }, cb))).toEqual(bytes(16, 1).subarray(4, 10));
    expect(await call<Uint8Array>((cb) => store.get(2, null, cb))).toEqual(bytes(8, 3));
    expect(await storedPieces(A)).toEqual([0, 2]);
  });

  it('stores only the chunk, not the buffer it is a view of', async () => {
    const store = new IdbChunkStore(16, { torrent: { infoHash: A }, length: 40 });
    const big = bytes(1024, 0);
    await call((cb) => store.put(1, big.subarray(100, 116), cb));
    const raw = await (await openDb()).get('pieces', [A, 1]);
    expect((raw as ArrayBuffer).byteLength).toBe(16);
  });

  it('stores consecutive whole pieces of a batch as runs of at most RUN_BYTES, the short last piece alone', async () => {
    const piece = RUN_BYTES / 4;
    const length = 9 * piece + 100;
    const store = new IdbChunkStore(piece, { torrent: { infoHash: A }, length });
    const data = (i: number) => new Uint8Array(i === 9 ? 100 : piece).fill(i + 1);
    await Promise.all([0, 1, 2, 3, 4, 5, 7, 9].map((i) => call((cb) => store.put(i, data(i), cb))));
    const keys = await (await openDb()).getAllKeys('pieces');
    expect(keys).toEqual([[A, 0, 4], [A, 4, 2], [A, 7], [A, 9]]);
    expect(await storedPieces(A)).toEqual([0, 1, 2, 3, 4, 5, 7, 9]);
    // Buffer.equals: vitest's toEqual walks 256 KiB arrays element by element, for seconds.
    for (const i of [0, 2, 5, 7, 9]) expect(Buffer.from((await call<Uint8Array>((cb) => store.get(i, cb)))!).equals(data(i))).toBe(true);
    expect(await call<Uint8Array>((cb) => store.get(3, { offset: 10, length: 5 }, cb))).toEqual(data(3).subarray(10, 15));
  });

  it('stores a run whose pieces fill one buffer without copying them', async () => {
    const store = new IdbChunkStore(16, { torrent: { infoHash: A }, length: 64 });
    const run = bytes(64, 0);
    await Promise.all([0, 1, 2, 3].map((i) => call((cb) => store.put(i, run.subarray(i * 16, (i + 1) * 16), cb))));
    const raw = await (await openDb()).get('pieces', [A, 0, 4]);
    expect(new Uint8Array(raw as ArrayBuffer)).toEqual(run);
  });

  it('reads a run record once for all the pieces asked of it, one at a time or at once', async () => {
    const store = new IdbChunkStore(16, { torrent: { infoHash: A }, length: 64 });
    const run = bytes(64, 0);
    await Promise.all([0, 1, 2, 3].map((i) => call((cb) => store.put(i, run.slice(i * 16, (i + 1) * 16), cb))));
    const gets = vi.spyOn(IDBObjectStore.prototype, 'get');
    try {
      const together = await Promise.all([2, 0].map((i) => call<Uint8Array>((cb) => store.get(i, cb))));
      expect(together).toEqual([run.subarray(32, 48), run.subarray(0, 16)]);
      expect(await call<Uint8Array>((cb) => store.get(3, { offset: 4, length: 8 }, cb))).toEqual(run.subarray(52, 60));
      expect(gets).toHaveBeenCalledTimes(1);
    } finally {
      gets.mockRestore();
    }
  });

  it('stores runs of 64 KiB or more as Blobs, and reads a piece of one without reading what comes before', async () => {
    const piece = 64 * 1024;
    const store = new IdbChunkStore(piece, { torrent: { infoHash: A }, length: 4 * piece });
    const data = (i: number) => new Uint8Array(piece).fill(i + 1);
    await Promise.all([0, 1, 2, 3].map((i) => call((cb) => store.put(i, data(i), cb))));
    const raw = await (await openDb()).get('pieces', [A, 0, 4]);
    expect(raw).toBeInstanceOf(Blob);
    const slices = vi.spyOn(Blob.prototype, 'slice');
    try {
      expect(Buffer.from((await call<Uint8Array>((cb) => store.get(2, cb)))!).equals(data(2))).toBe(true);
      // From the piece on, to the record's end: 256 KiB at most.
      expect(slices.mock.calls).toEqual([[2 * piece, 4 * piece]]);
    } finally {
      slices.mockRestore();
    }
  });

  it("reads the next 256 KiB of a Blob record at once, so a peer's next pieces need no read of their own", async () => {
    const { store, piece, data } = await blobRecordStore(32);
    const slices = vi.spyOn(Blob.prototype, 'slice');
    try {
      for (let i = 3; i < 3 + 16; i++) {
        expect(Buffer.from((await call<Uint8Array>((cb) => store.get(i, cb)))!).equals(data(i))).toBe(true);
      }
      expect(slices.mock.calls).toEqual([[3 * piece, 19 * piece]]);
      expect(Buffer.from((await call<Uint8Array>((cb) => store.get(19, cb)))!).equals(data(19))).toBe(true);
      expect(slices.mock.calls).toHaveLength(2);
    } finally {
      slices.mockRestore();
    }
  });

  it('looks up pieces far apart side by side, and a piece near one under way after it', async () => {
    const { store, piece, data } = await blobRecordStore(64);
    const steps: string[] = [];
    const keys = recordLookups(steps);
    const slices = vi.spyOn(Blob.prototype, 'slice');
    try {
      // Random order, as a downloading peer asks: four far apart (16 pieces are read ahead), then 21 and 36 near 20 and 40.
      const asked = [40, 2, 20, 60, 21, 36];
      const got = await Promise.all(
        asked.map((i) =>
          call<Uint8Array>((cb) =>
            store.get(i, (err, value) => {
              steps.push(`got ${i}`);
              cb(err, value);
            }),
          ),
        ),
      );
      got.forEach((value, k) => expect(Buffer.from(value!).equals(data(asked[k]!))).toBe(true));
      // The four far apart start at once. 21 waits for 20's read, which holds it; 36 for 40's, then reads
      // its own part of the record that one found, with no lookup of its own.
      expect(steps.slice(0, 4)).toEqual(['look up', 'look up', 'look up', 'look up']);
      expect(steps.filter((step) => step === 'look up')).toHaveLength(4);
      expect(slices.mock.calls.map(([start]) => start! / piece).sort((a, b) => a - b)).toEqual([2, 20, 36, 40, 60]);
    } finally {
      keys.mockRestore();
      slices.mockRestore();
    }
  });

  it('looks up at most MAX_LOOKUPS pieces at once, however many wait', async () => {
    // Far apart: more than the 16 pieces read ahead.
    const { store } = await blobRecordStore((MAX_LOOKUPS + 8) * 17);
    const steps: string[] = [];
    const keys = recordLookups(steps);
    // A lookup of a Blob record ends with its part's read: counted as it resolves, before the lookup's slot frees.
    const arrayBuffer = Reflect.get<Blob, 'arrayBuffer'>(Blob.prototype, 'arrayBuffer');
    const reads = vi.spyOn(Blob.prototype, 'arrayBuffer').mockImplementation(function (this: Blob) {
      return arrayBuffer.call(this).then((buffer) => (steps.push('read'), buffer));
    });
    try {
      const asked = Array.from({ length: MAX_LOOKUPS + 8 }, (_, k) => k * 17);
      await Promise.all(asked.map((i) => call((cb) => store.get(i, cb))));
      expect(steps.filter((step) => step === 'look up')).toHaveLength(asked.length);
      let underWay = 0;
      let most = 0;
      for (const step of steps) {
        underWay += step === 'look up' ? 1 : -1;
        most = Math.max(most, underWay);
      }
      expect(most).toBe(MAX_LOOKUPS);
    } finally {
      keys.mockRestore();
      reads.mockRestore();
    }
  });

  it('reports a missing piece as an error, which webtorrent reads as "not verified"', async () => {
    const store = new IdbChunkStore(16, { torrent: { infoHash: A } });
    await expect(call((cb) => store.get(5, cb))).rejects.toThrow(/not stored/);
  });

  it('rejects a chunk of the wrong size', async () => {
    const store = new IdbChunkStore(16, { torrent: { infoHash: A }, length: 40 });
    await expect(call((cb) => store.put(2, bytes(16, 0), cb))).rejects.toThrow(/should be 8 bytes/);
    await expect(call((cb) => store.put(0, bytes(15, 0), cb))).rejects.toThrow(/should be 16 bytes/);
  });

  it('destroy deletes only its own torrent', async () => {
    const a = new IdbChunkStore(16, { torrent: { infoHash: A } });
    const b = new IdbChunkStore(16, { torrent: { infoHash: B } });
    await call((cb) => a.put(0, bytes(16, 0), cb));
    await call((cb) => b.put(0, bytes(16, 0), cb));
    await call((cb) => a.destroy(cb));
    expect(await storedPieces(A)).toEqual([]);
    expect(await storedPieces(B)).toEqual([0]);
  });

  it('writes puts made together in one batch, each calling back once stored', async () => {
    const store = new IdbChunkStore(16, { torrent: { infoHash: A }, length: 160 });
    await Promise.all(Array.from({ length: 10 }, (_, i) => call((cb) => store.put(i, bytes(16, i), cb))));
    expect(await storedPieces(A)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(await call<Uint8Array>((cb) => store.get(7, cb))).toEqual(bytes(16, 7));
  });

  it('writes a queue of 4 MiB at once, in a transaction of its own', async () => {
    const MiB = 1024 * 1024;
    const db = await openDb();
    const transaction = vi.spyOn(db, 'transaction');
    const store = new IdbChunkStore(MiB, { torrent: { infoHash: A }, length: 5 * MiB });
    const puts = Array.from({ length: 4 }, (_, i) => call((cb) => store.put(i, new Uint8Array(MiB).fill(i), cb)));
    // A task later: after the 4 MiB went, before the flush timer.
    await new Promise((resolve) => setTimeout(resolve, 0));
    puts.push(call((cb) => store.put(4, new Uint8Array(MiB).fill(4), cb)));
    await Promise.all(puts);
    // Pieces 0-3 once they reached 4 MiB, then 4 on its own.
    expect(transaction).toHaveBeenCalledTimes(2);
    expect(await storedPieces(A)).toEqual([0, 1, 2, 3, 4]);
    transaction.mockRestore();
  });

  it('hands a large queue to the writer at once, in requests of up to 8 MiB', async () => {
    const MiB = 1024 * 1024;
    const db = await openDb();
    const transaction = vi.spyOn(db, 'transaction');
    const store = new IdbChunkStore(MiB, { torrent: { infoHash: A }, length: 20 * MiB });
    await Promise.all(Array.from({ length: 20 }, (_, i) => call((cb) => store.put(i, new Uint8Array(MiB).fill(i), cb))));
    // 0-7, 8-15 and 16-19: the writer queues them (piece-writer.test.ts).
    expect(transaction).toHaveBeenCalledTimes(3);
    expect(await storedPieces(A)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    transaction.mockRestore();
  });

  it("hands each piece's bytes back once written, for a caller whose buffer went with the write", async () => {
    const store = new IdbChunkStore(16, { torrent: { infoHash: A }, length: 40 });
    const run = bytes(32, 5);
    const written = await Promise.all([
      call<Uint8Array>((cb) => store.put(0, run.subarray(0, 16), cb)),
      call<Uint8Array>((cb) => store.put(1, run.subarray(16, 32), cb)),
      call<Uint8Array>((cb) => store.put(2, bytes(8, 3), cb)),
    ]);
    expect(written).toEqual([run.subarray(0, 16), run.subarray(16, 32), bytes(8, 3)]);
  });

  it('destroy drops puts not yet written and leaves nothing behind', async () => {
    const store = new IdbChunkStore(16, { torrent: { infoHash: A } });
    const dropped = expect(call((cb) => store.put(0, bytes(16, 0), cb))).rejects.toThrow(/deleted/);
    await call((cb) => store.destroy(cb));
    await dropped;
    expect(await storedPieces(A)).toEqual([]);
  });

  it('stores a Blob of whole pieces as run records, without reading it, and reads pieces back out of them', async () => {
    const piece = RUN_BYTES / 4;
    const store = new IdbChunkStore(piece, { torrent: { infoHash: A }, length: 7 * piece + 5 });
    const data = (i: number) => new Uint8Array(piece).fill(i + 1);
    await store.putRun(1, new Blob([1, 2, 3, 4, 5, 6].map(data)));
    const db = await openDb();
    expect(await db.getAllKeys('pieces')).toEqual([
      [A, 1, 4],
      [A, 5, 2],
    ]);
    expect(await db.get('pieces', [A, 5, 2])).toBeInstanceOf(Blob);
    expect(await storedPieces(A)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(Buffer.from((await call<Uint8Array>((cb) => store.get(6, cb)))!).equals(data(6))).toBe(true);
    expect(await call<Uint8Array>((cb) => store.get(2, { offset: 10, length: 5 }, cb))).toEqual(data(2).subarray(10, 15));
    // Across both records, and only while stored: piece 0 is not.
    const run = await readStoredRun(A, 3, 6);
    expect(run.map((p) => [p.byteLength, p[0]])).toEqual([3, 4, 5, 6].map((i) => [piece, i + 1]));
    expect(await readStoredRun(A, 0, 6)).toEqual([]);
  });

  it('refuses a run that is not whole pieces, or goes past the end', async () => {
    const store = new IdbChunkStore(16, { torrent: { infoHash: A }, length: 40 });
    await expect(store.putRun(0, new Blob([bytes(20, 0)]))).rejects.toThrow(/whole pieces/);
    await expect(store.putRun(1, new Blob([bytes(32, 0)]))).rejects.toThrow(/whole pieces/);
    expect(await storedPieces(A)).toEqual([]);
  });

  it('destroy waits for a run under way, then deletes it too', async () => {
    const store = new IdbChunkStore(16, { torrent: { infoHash: A }, length: 64 });
    const put = store.putRun(0, new Blob([bytes(64, 0)]));
    await call((cb) => store.destroy(cb));
    await put;
    expect(await storedPieces(A)).toEqual([]);
    await expect(store.putRun(0, new Blob([bytes(16, 0)]))).rejects.toThrow(/closed/);
  });

  it('refuses work after close', async () => {
    const store = new IdbChunkStore(16, { torrent: { infoHash: A } });
    await call((cb) => store.close(cb));
    await expect(call((cb) => store.put(0, bytes(16, 0), cb))).rejects.toThrow(/closed/);
  });
});

import { describe, expect, it } from 'vitest';
import { FreshPieces, type PuttingStore } from './stream-fresh-pieces';

/** A store whose writes finish when the test says so. */
function slowStore() {
  const writes = new Map<number, (err: Error | null, written?: Uint8Array) => void>();
  const store: PuttingStore = {
    put(index, _buf, cb) {
      writes.set(index, (err, written) => cb?.(err, written));
    },
  };
  const finish = (index: number, err: Error | null = null, written?: Uint8Array) => writes.get(index)?.(err, written);
  return { store, finish };
}

/** Empties `view` as a transfer does: the chunk store's writer took its buffer. */
function takeAway(view: Uint8Array): void {
  structuredClone(view.buffer, { transfer: [view.buffer] });
}

const piece = (index: number, size = 4) => new Uint8Array(size).fill(index);
const bytes = (buffers: ArrayBuffer[]) => buffers.map((b) => [...new Uint8Array(b)]);

describe('FreshPieces', () => {
  it('hands over a piece as soon as it is put, before it is written', () => {
    const { store } = slowStore();
    const heard: number[] = [];
    const fresh = new FreshPieces(store, (index) => heard.push(index));
    store.put(7, piece(7));
    expect(heard).toEqual([7]);
    expect(fresh.has(7)).toBe(true);
    expect(bytes(fresh.run(7, 7))).toEqual([[7, 7, 7, 7]]);
  });

  it('still calls the store, and its callback once written', () => {
    const { store, finish } = slowStore();
    new FreshPieces(store, () => {});
    const done: (Error | null)[] = [];
    store.put(1, piece(1), (err) => done.push(err));
    expect(done).toEqual([]);
    finish(1);
    expect(done).toEqual([null]);
  });

  it('runs over consecutive fresh pieces only, up to the last one asked', () => {
    const { store } = slowStore();
    const fresh = new FreshPieces(store, () => {});
    for (const index of [3, 4, 5, 7]) store.put(index, piece(index));
    expect(bytes(fresh.run(3, 10)).map((b) => b[0])).toEqual([3, 4, 5]);
    expect(bytes(fresh.run(4, 4)).map((b) => b[0])).toEqual([4]);
    expect(fresh.run(6, 10)).toEqual([]);
  });

  it('hands over about 1 MiB at a time', () => {
    const { store } = slowStore();
    const fresh = new FreshPieces(store, () => {});
    for (let index = 0; index < 4; index++) store.put(index, new Uint8Array(512 * 1024));
    expect(fresh.run(0, 3)).toHaveLength(2);
  });

  it('hands over copies that own their bytes', () => {
    const { store } = slowStore();
    const fresh = new FreshPieces(store, () => {});
    const shared = new Uint8Array(16).fill(9);
    store.put(2, shared.subarray(4, 8));
    const [copy] = fresh.run(2, 2);
    expect(copy?.byteLength).toBe(4);
    shared.fill(0);
    expect([...new Uint8Array(copy!)]).toEqual([9, 9, 9, 9]);
  });

  it('keeps written pieces a while, and forgets ones whose write failed', () => {
    const { store, finish } = slowStore();
    const fresh = new FreshPieces(store, () => {});
    store.put(1, piece(1));
    store.put(2, piece(2));
    finish(1);
    finish(2, new Error('full'));
    expect(fresh.has(1)).toBe(true);
    expect(fresh.has(2)).toBe(false);
  });

  it('keeps at most 4 MiB of written pieces, dropping the oldest', () => {
    const { store, finish } = slowStore();
    const fresh = new FreshPieces(store, () => {});
    const mib = 1024 * 1024;
    for (let index = 0; index < 6; index++) {
      store.put(index, new Uint8Array(mib));
      finish(index);
    }
    expect([0, 1, 2, 3, 4, 5].map((index) => fresh.has(index))).toEqual([false, false, true, true, true, true]);
  });

  it('does not hand over a piece while its buffer is away being written, and keeps the bytes the write hands back', () => {
    const { store, finish } = slowStore();
    const fresh = new FreshPieces(store, () => {});
    const buf = piece(3);
    store.put(3, buf);
    takeAway(buf);
    expect(fresh.has(3)).toBe(false);
    expect(fresh.run(3, 3)).toEqual([]);
    finish(3, null, piece(3));
    expect(fresh.has(3)).toBe(true);
    expect(bytes(fresh.run(3, 3))).toEqual([[3, 3, 3, 3]]);
  });

  it('passes the written bytes on to the caller', () => {
    const { store, finish } = slowStore();
    new FreshPieces(store, () => {});
    const heard: (Uint8Array | undefined)[] = [];
    store.put(1, piece(1), (_err, written) => heard.push(written));
    finish(1, null, piece(1));
    expect(heard.map((w) => w && [...w])).toEqual([[1, 1, 1, 1]]);
  });
});

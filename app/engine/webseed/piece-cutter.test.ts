import { describe, expect, it } from 'vitest';
import { PieceCutter } from './piece-cutter';

const body = (n: number, from = 0): Uint8Array => Uint8Array.from({ length: n }, (_, i) => (from + i) % 251);
const g = { pieceLength: 10, length: 35 };

describe('PieceCutter', () => {
  it('cuts chunks that straddle piece boundaries into whole pieces, as they complete', () => {
    const cutter = new PieceCutter(g, { first: 1, last: 3 });
    const bytes = body(25, 10);
    expect(cutter.push(bytes.subarray(0, 7))).toEqual([]);
    const out = cutter.push(bytes.subarray(7, 23));
    expect(out.map((p) => p.index)).toEqual([1, 2]);
    expect(out[0]!.data).toEqual(body(10, 10));
    expect(out[1]!.data).toEqual(body(10, 20));
    expect(cutter.complete).toBe(false);
    expect(cutter.nextIndex).toBe(3);
    // The last piece is the torrent's short one: 5 bytes.
    const last = cutter.push(bytes.subarray(23));
    expect(last.map((p) => [p.index, p.data.byteLength])).toEqual([[3, 5]]);
    expect(cutter.complete).toBe(true);
    expect(cutter.surplus).toBe(0);
  });

  it('gives each piece its own buffer', () => {
    const [piece] = new PieceCutter(g, { first: 0, last: 0 }).push(body(10));
    expect(piece!.data.byteOffset).toBe(0);
    expect(piece!.data.buffer.byteLength).toBe(10);
  });

  it('counts bytes past the range instead of taking them', () => {
    const cutter = new PieceCutter(g, { first: 0, last: 0 });
    expect(cutter.push(body(14)).map((p) => p.index)).toEqual([0]);
    expect(cutter.surplus).toBe(4);
  });

  it('says where a cut-off body stopped', () => {
    const cutter = new PieceCutter(g, { first: 0, last: 2 });
    cutter.push(body(15));
    expect(cutter.complete).toBe(false);
    expect(cutter.nextIndex).toBe(1);
  });
});

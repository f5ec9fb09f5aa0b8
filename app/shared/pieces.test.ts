import { describe, expect, it } from 'vitest';
import { bitfieldFromIndexes, coversWhole, pieceCount, pieceSize, piecesForBytes, sliceInPiece, storedBytes, storedSpans } from './pieces';

const g = { pieceLength: 100, length: 950 };

describe('piece maths', () => {
  it('counts pieces and sizes the short last one', () => {
    expect(pieceCount(g)).toBe(10);
    expect(pieceSize(g, 0)).toBe(100);
    expect(pieceSize(g, 9)).toBe(50);
    expect(pieceSize(g, 10)).toBe(0);
    expect(pieceCount({ pieceLength: 100, length: 1000 })).toBe(10);
  });

  it('maps byte ranges to pieces', () => {
    expect(piecesForBytes(g, 0, 0)).toEqual({ first: 0, last: 0 });
    expect(piecesForBytes(g, 99, 100)).toEqual({ first: 0, last: 1 });
    expect(piecesForBytes(g, 250, 949)).toEqual({ first: 2, last: 9 });
  });

  it('slices the requested part out of each piece', () => {
    expect(sliceInPiece(g, 2, 250, 949)).toEqual({ from: 50, to: 100 });
    expect(sliceInPiece(g, 5, 250, 949)).toEqual({ from: 0, to: 100 });
    expect(sliceInPiece(g, 9, 250, 949)).toEqual({ from: 0, to: 50 });
    expect(sliceInPiece(g, 3, 310, 320)).toEqual({ from: 10, to: 21 });
  });

  it('reassembles exactly the requested bytes for every range', () => {
    const source = Uint8Array.from({ length: g.length }, (_, i) => i % 251);
    for (const [start, end] of [[0, 949], [0, 0], [99, 100], [123, 877], [900, 949], [949, 949]] as const) {
      const { first, last } = piecesForBytes(g, start, end);
      const parts: number[] = [];
      for (let i = first; i <= last; i++) {
        const piece = source.subarray(i * g.pieceLength, i * g.pieceLength + pieceSize(g, i));
        const { from, to } = sliceInPiece(g, i, start, end);
        parts.push(...piece.subarray(from, to));
      }
      expect(Uint8Array.from(parts)).toEqual(source.subarray(start, end + 1));
    }
  });

  it('counts stored bytes of a file spanning pieces', () => {
    const has = (i: number): boolean => i === 1 || i === 9;
    expect(storedBytes(g, 150, 100, has)).toBe(50);
    expect(storedBytes(g, 0, 950, has)).toBe(150);
    expect(storedBytes(g, 0, 0, has)).toBe(0);
  });

  it('merges stored pieces into spans of a file, as fractions', () => {
    const has = (i: number): boolean => [1, 2, 5].includes(i);
    // File at bytes 150..549 (400 bytes): piece 1 covers 150..199, 2 covers 200..299, 5 covers 500..549.
    expect(storedSpans(g, 150, 400, has)).toEqual([
      { start: 0, end: 150 / 400 },
      { start: 350 / 400, end: 1 },
    ]);
    expect(storedSpans(g, 0, 0, has)).toEqual([]);
  });

  it('tells a wholly stored file by its spans', () => {
    const all = (): boolean => true;
    expect(coversWhole(storedSpans(g, 150, 400, all))).toBe(true);
    expect(coversWhole(storedSpans(g, 150, 400, (i) => i !== 3))).toBe(false);
    expect(coversWhole(storedSpans(g, 150, 400, (i) => i !== 1))).toBe(false);
    expect(coversWhole(storedSpans(g, 0, 0, all))).toBe(false);
  });

  it('builds a most-significant-bit-first bitfield', () => {
    expect(Array.from(bitfieldFromIndexes([0, 7, 8, 9], 10))).toEqual([0b1000_0001, 0b1100_0000]);
    expect(Array.from(bitfieldFromIndexes([-1, 10, 2.5], 10))).toEqual([0, 0]);
  });
});

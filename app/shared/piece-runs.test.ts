import { describe, expect, it } from 'vitest';
import {
  groupRuns,
  indexesOf,
  keyOf,
  MAX_RUN_PIECES,
  RUN_BYTES,
  piecesOfPart,
  piecesOfRecord,
  planRead,
  recordBytes,
  runPieces,
  windowBounds,
  type PieceKey,
} from './piece-runs';

const IH = 'a'.repeat(40);

describe('runPieces', () => {
  it('fits RUN_BYTES of pieces in a run, at least one and at most MAX_RUN_PIECES', () => {
    expect(runPieces(RUN_BYTES / 4)).toBe(4);
    expect(runPieces(16 * 1024)).toBe(64);
    expect(runPieces(1024)).toBe(MAX_RUN_PIECES);
    expect(runPieces(2 * RUN_BYTES)).toBe(1);
  });
});

describe('groupRuns', () => {
  it('groups consecutive indexes, up to the limit, and starts anew at a gap', () => {
    expect(groupRuns([0, 1, 2, 3, 4, 6, 7, 9], 3)).toEqual([
      { first: 0, count: 3 },
      { first: 3, count: 2 },
      { first: 6, count: 2 },
      { first: 9, count: 1 },
    ]);
    expect(groupRuns([], 4)).toEqual([]);
  });
});

describe('keyOf / indexesOf', () => {
  it('keys one piece as before runs existed, and a run with its count', () => {
    expect(keyOf(IH, { first: 5, count: 1 })).toEqual([IH, 5]);
    expect(keyOf(IH, { first: 5, count: 4 })).toEqual([IH, 5, 4]);
  });

  it('lists every piece the keys hold once, in order', () => {
    expect(indexesOf([[IH, 8], [IH, 0, 3], [IH, 2], [IH, 4, 2]])).toEqual([0, 1, 2, 4, 5, 8]);
  });
});

describe('windowBounds', () => {
  it('reaches back far enough to find a run that contains the first piece', () => {
    const { lower, upper } = windowBounds(IH, 100, 103);
    expect(lower).toEqual([IH, 100 - MAX_RUN_PIECES + 1]);
    expect(upper).toEqual([IH, 103, Infinity]);
    expect(windowBounds(IH, 2, 2).lower).toEqual([IH, 0]);
  });
});

describe('planRead', () => {
  const keys: PieceKey[] = [[IH, 0, 4], [IH, 4], [IH, 5, 4], [IH, 10]];

  it('reads the records that hold the pieces, and only the wanted part of each', () => {
    expect(planRead(keys, 2, 6).map(({ key, from, to }) => ({ key, from, to }))).toEqual([
      { key: [IH, 0, 4], from: 2, to: 3 },
      { key: [IH, 4], from: 4, to: 4 },
      { key: [IH, 5, 4], from: 5, to: 6 },
    ]);
  });

  it('stops at the first piece no record holds', () => {
    expect(planRead(keys, 7, 12).map((s) => [s.from, s.to])).toEqual([[7, 8]]);
    expect(planRead(keys, 9, 10)).toEqual([]);
  });

  it('takes the record that reaches further where two hold a piece', () => {
    expect(planRead([[IH, 3], [IH, 2, 4]], 3, 5).map((s) => s.key)).toEqual([[IH, 2, 4]]);
  });
});

describe('piecesOfRecord', () => {
  it('cuts a run into its pieces as views, without copying', () => {
    const value = Uint8Array.from({ length: 12 }, (_, i) => i).buffer;
    const pieces = piecesOfRecord({ key: [IH, 10, 3], span: { first: 10, count: 3 }, from: 11, to: 12 }, value);
    expect(pieces.map((p) => [...p])).toEqual([
      [4, 5, 6, 7],
      [8, 9, 10, 11],
    ]);
    expect(pieces[0]!.buffer).toBe(value);
  });

  it('gives a one-piece record whole, short last piece included', () => {
    const value = new Uint8Array([1, 2, 3]).buffer;
    expect([...piecesOfRecord({ key: [IH, 7], span: { first: 7, count: 1 }, from: 7, to: 7 }, value)[0]!]).toEqual([1, 2, 3]);
  });
});

describe('recordBytes and piecesOfPart', () => {
  it('find the wanted pieces in a run, and cut the part read into them', () => {
    const step = { key: [IH, 10, 3] as PieceKey, span: { first: 10, count: 3 }, from: 11, to: 12 };
    expect(recordBytes(step, 12)).toEqual({ start: 4, end: 12 });
    const part = Uint8Array.from({ length: 8 }, (_, i) => i + 4).buffer;
    expect(piecesOfPart(step, part).map((p) => [...p])).toEqual([
      [4, 5, 6, 7],
      [8, 9, 10, 11],
    ]);
  });

  it('give one piece of a run, or a one-piece record whole', () => {
    expect(recordBytes({ key: [IH, 10, 3], span: { first: 10, count: 3 }, from: 10, to: 10 }, 12)).toEqual({ start: 0, end: 4 });
    const short = { key: [IH, 7] as PieceKey, span: { first: 7, count: 1 }, from: 7, to: 7 };
    expect(recordBytes(short, 3)).toEqual({ start: 0, end: 3 });
    expect([...piecesOfPart(short, new Uint8Array([1, 2, 3]).buffer)[0]!]).toEqual([1, 2, 3]);
  });
});

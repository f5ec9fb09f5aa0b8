import { describe, expect, it } from 'vitest';
import { PieceState } from '../../shared/engine-api';
import { bucketPieces, countPieces, describePieces } from './piece-map';

const { Missing: M, Downloading: D, Stored: S } = PieceState;

describe('bucketPieces', () => {
  it('gives small torrents one bucket per piece', () => {
    const { stored, downloading } = bucketPieces(Uint8Array.of(S, D, M), 100);
    expect([...stored]).toEqual([1, 0, 0]);
    expect([...downloading]).toEqual([0, 1, 0]);
  });

  it('squeezes big torrents into the width, each bucket the share of its pieces', () => {
    const pieces = Uint8Array.of(S, S, S, M, D, M, M, M);
    const { stored, downloading } = bucketPieces(pieces, 2);
    expect([...stored]).toEqual([0.75, 0]);
    expect([...downloading]).toEqual([0, 0.25]);
  });

  it('covers every piece once when the width does not divide the count', () => {
    const pieces = new Uint8Array(10).fill(S);
    const { stored } = bucketPieces(pieces, 3);
    expect([...stored]).toEqual([1, 1, 1]);
  });

  it('has no buckets before the metadata or with no width', () => {
    expect(bucketPieces(new Uint8Array(0), 100).stored).toHaveLength(0);
    expect(bucketPieces(Uint8Array.of(S), 0).stored).toHaveLength(0);
  });
});

describe('countPieces and describePieces', () => {
  it('counts and says how many pieces are stored and downloading', () => {
    const counts = countPieces(Uint8Array.of(S, S, D, M));
    expect(counts).toEqual({ total: 4, stored: 2, downloading: 1 });
    expect(describePieces(counts)).toBe('2 of 4 pieces stored, 1 downloading');
    expect(describePieces({ total: 1, stored: 0, downloading: 0 })).toBe('0 of 1 piece stored');
  });
});

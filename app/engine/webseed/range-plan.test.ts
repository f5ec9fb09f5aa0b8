import { describe, expect, it } from 'vitest';
import { bytesOf, planRange } from './range-plan';

const KiB = 1024;

/** A claim function over a set of free pieces that records what it took. */
function claimer(free: Iterable<number>): { claim: (i: number) => boolean; taken: number[] } {
  const left = new Set(free);
  const taken: number[] = [];
  return {
    taken,
    claim: (i) => {
      if (!left.delete(i)) return false;
      taken.push(i);
      return true;
    },
  };
}

describe('planRange', () => {
  it('starts at the first candidate it can take and runs on while the pieces after it are free', () => {
    const { claim, taken } = claimer([3, 4, 5, 7]);
    expect(planRange([1, 2, 3], claim, 10, 256 * KiB, 4096 * KiB)).toEqual({ first: 3, last: 5 });
    // Piece 6 was not free, so 7 is left for the next plan.
    expect(taken).toEqual([3, 4, 5]);
  });

  it('keeps a range within maxBytes, but always takes one piece', () => {
    const { claim } = claimer(Array.from({ length: 100 }, (_, i) => i));
    expect(planRange([10], claim, 100, 256 * KiB, 1024 * KiB)).toEqual({ first: 10, last: 13 });
    expect(planRange([20], claim, 100, 4096 * KiB, 1024 * KiB)).toEqual({ first: 20, last: 20 });
  });

  it('stops at the last piece of the torrent', () => {
    const { claim } = claimer([8, 9]);
    expect(planRange([8], claim, 10, 16, 1024)).toEqual({ first: 8, last: 9 });
  });

  it('gives null when nothing can be taken', () => {
    const { claim, taken } = claimer([]);
    expect(planRange([0, 1, 2], claim, 3, 16, 1024)).toBeNull();
    expect(taken).toEqual([]);
  });
});

describe('bytesOf', () => {
  const g = { pieceLength: 16, length: 40 };

  it('gives piece-aligned inclusive byte ranges', () => {
    expect(bytesOf(g, { first: 0, last: 0 })).toEqual({ start: 0, end: 15 });
    expect(bytesOf(g, { first: 1, last: 1 })).toEqual({ start: 16, end: 31 });
  });

  it('ends the last piece at the torrent\'s end', () => {
    expect(bytesOf(g, { first: 1, last: 2 })).toEqual({ start: 16, end: 39 });
  });
});

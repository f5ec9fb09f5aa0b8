import { describe, expect, it } from 'vitest';
import { rarestFirst, shuffledIndexes, streamRanges } from './pick-order';

const none = (): boolean => false;
const identity = (count: number): number[] => Array.from({ length: count }, (_, i) => i);

describe('rarestFirst', () => {
  it('orders pieces by how many peers have them, fewest first', () => {
    expect([...rarestFirst([2, 0, 1, 3, 1], none, identity(5))]).toEqual([1, 2, 4, 0, 3]);
  });

  it('breaks ties in the order given, whatever the index', () => {
    expect([...rarestFirst([1, 1, 1, 0], none, [2, 0, 3, 1])]).toEqual([3, 2, 0, 1]);
  });

  it('leaves out stored pieces', () => {
    const stored = new Set([0, 3]);
    expect([...rarestFirst([1, 2, 1, 0, 2], (i) => stored.has(i), identity(5))]).toEqual([2, 1, 4]);
  });

  it('counts NaN and negative availabilities as no peers', () => {
    expect([...rarestFirst([1, NaN, -1, 0], none, identity(4))]).toEqual([1, 2, 3, 0]);
  });
});

describe('shuffledIndexes', () => {
  it('is a permutation, the same for the same random numbers', () => {
    const seq = (): (() => number) => {
      let x = 0.37;
      return () => (x = (x * 7.13) % 1);
    };
    const order = [...shuffledIndexes(50, seq())];
    expect([...order].sort((a, b) => a - b)).toEqual(identity(50));
    expect(order).not.toEqual(identity(50));
    expect([...shuffledIndexes(50, seq())]).toEqual(order);
  });
});

describe('streamRanges', () => {
  it('keeps the windows at or above the stream priority, nearest first, from their first missing piece', () => {
    const selections = [
      { from: 0, to: 99, offset: 0, priority: 0 },
      { from: 12, to: 15, offset: 0, priority: 1 },
      { from: 60, to: 60, offset: 0, priority: 3 },
      { from: 10, to: 10, offset: 0, priority: 3 },
      { from: 11, to: 11, offset: 0, priority: 2 },
      { from: 20, to: 21, offset: 2, priority: 1 },
      { from: 30, to: 39, offset: 0, priority: 0.5 },
    ];
    expect(streamRanges(selections, 1)).toEqual([
      { from: 10, to: 10 },
      { from: 60, to: 60 },
      { from: 11, to: 11 },
      { from: 12, to: 15 },
    ]);
  });
});

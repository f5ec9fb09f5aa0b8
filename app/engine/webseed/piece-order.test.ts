import { describe, expect, it } from 'vitest';
import { fetchOrder, isWanted } from './piece-order';

const take = (it: Iterable<number>, n: number): number[] => {
  const out: number[] = [];
  for (const i of it) {
    if (out.length === n) break;
    out.push(i);
  }
  return out;
};

describe('fetchOrder', () => {
  // As webtorrent keeps them: a stream window (priority 1) before the whole torrent (priority 0).
  const critical: (boolean | undefined)[] = [];
  critical[40] = true;
  critical[41] = true;
  const selections = [
    { from: 40, to: 44, offset: 0, priority: 1 },
    { from: 0, to: 99, offset: 3, priority: 0 },
  ];

  it('puts critical pieces first, then each selection from its first missing piece', () => {
    expect(take(fetchOrder({ critical, selections }, false), 10)).toEqual([40, 41, 40, 41, 42, 43, 44, 3, 4, 5]);
  });

  it('gives only what a stream waits for when urgent', () => {
    expect([...fetchOrder({ critical, selections }, true)]).toEqual([40, 41, 40, 41, 42, 43, 44]);
  });

  it('gives nothing when nothing is selected (every file skipped)', () => {
    expect([...fetchOrder({ critical: [], selections: [] }, false)]).toEqual([]);
  });

  it('tells which pieces a range may grow over', () => {
    const wanted = { critical, selections };
    expect([2, 3, 41, 45, 99, 100].map((i) => isWanted(wanted, false, i))).toEqual([false, true, true, true, true, false]);
    expect([3, 40, 44, 45].map((i) => isWanted(wanted, true, i))).toEqual([false, true, true, false]);
  });
});

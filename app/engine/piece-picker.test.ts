import { describe, expect, it } from 'vitest';
import type { PickSelection } from './pick-order';
import { PiecePicker, type PickSource } from './piece-picker';

/** A torrent's state as plain data, changed by the tests between runs. */
interface Swarm {
  availability: number[];
  stored: Set<number>;
  selections: PickSelection[];
  peers: number;
}

function pickerFor(swarm: Swarm, clock: { now: number }): PiecePicker {
  const source: PickSource = {
    pieceCount: swarm.availability.length,
    availability: () => swarm.availability,
    isStored: (i) => swarm.stored.has(i),
    selections: () => swarm.selections,
    peerCount: () => swarm.peers,
  };
  // Ties go in reverse index order, so they visibly differ from index order.
  const ties = swarm.availability.map((_, i) => swarm.availability.length - 1 - i);
  return new PiecePicker(source, () => clock.now, ties);
}

/**
 * webtorrent's loop over one selection (lib/torrent.js trySelectWire with
 * strategy 'rarest'): ask, mark the answer tried, ask again, until -1 or
 * `from..to` is exhausted.
 */
function run(picker: PiecePicker, from: number, to: number, has: (i: number) => boolean = () => true): number[] {
  const tried = new Set<number>();
  const filter = (i: number): boolean => i >= from && i <= to && !tried.has(i) && has(i);
  const picked: number[] = [];
  for (let tries = 0; tries <= to - from + 1; tries++) {
    const piece = picker.pick(filter);
    if (piece < 0) return picked;
    picked.push(piece);
    tried.add(piece);
  }
  throw new Error(`no -1 after ${picked.length} answers`);
}

const selection = (from: number, to: number, priority: number): PickSelection => ({ from, to, offset: 0, priority });

describe('PiecePicker', () => {
  it('answers rarest first over a selection, each piece once, then -1', () => {
    const swarm: Swarm = { availability: [3, 1, 2, 1, 0, 2], stored: new Set(), selections: [selection(0, 5, 0)], peers: 3 };
    expect(run(pickerFor(swarm, { now: 0 }), 0, 5)).toEqual([4, 3, 1, 5, 2, 0]);
  });

  it('takes stream windows first, nearest first and in index order, then the rest rarest first', () => {
    const swarm: Swarm = {
      availability: [1, 1, 1, 1, 1, 1, 1, 1, 9, 9],
      stored: new Set(),
      selections: [selection(0, 9, 0), selection(8, 9, 2), selection(2, 3, 1)],
      peers: 9,
    };
    expect(run(pickerFor(swarm, { now: 0 }), 0, 9)).toEqual([8, 9, 2, 3, 7, 6, 5, 4, 1, 0]);
  });

  it('answers only what the filter lets through: a selection, a peer’s pieces', () => {
    const swarm: Swarm = {
      availability: [1, 2, 1, 2, 1, 2, 1, 2],
      stored: new Set(),
      selections: [selection(0, 7, 0), selection(1, 2, 1)],
      peers: 2,
    };
    const picker = pickerFor(swarm, { now: 0 });
    expect(run(picker, 4, 7)).toEqual([6, 4, 7, 5]);
    expect(run(picker, 0, 7, (i) => i % 2 === 1)).toEqual([1, 7, 5, 3]);
  });

  it('skips pieces stored since the order was built', () => {
    const swarm: Swarm = { availability: [1, 1, 1, 1], stored: new Set([0]), selections: [selection(0, 3, 0)], peers: 1 };
    const clock = { now: 0 };
    const picker = pickerFor(swarm, clock);
    expect(run(picker, 0, 3)).toEqual([3, 2, 1]);
    swarm.stored.add(2);
    expect(run(picker, 0, 3)).toEqual([3, 1]);
  });

  it('rebuilds the order when peers change, when told, or after a while, not on every run', () => {
    const swarm: Swarm = { availability: [1, 2, 3], stored: new Set(), selections: [selection(0, 2, 0)], peers: 3 };
    const clock = { now: 0 };
    const picker = pickerFor(swarm, clock);
    expect(run(picker, 0, 2)).toEqual([0, 1, 2]);

    swarm.availability = [3, 2, 1];
    clock.now = 100;
    expect(run(picker, 0, 2)).toEqual([0, 1, 2]);
    clock.now = 400;
    expect(run(picker, 0, 2)).toEqual([2, 1, 0]);

    swarm.availability = [1, 2, 3];
    picker.invalidate();
    expect(run(picker, 0, 2)).toEqual([0, 1, 2]);

    swarm.availability = [2, 1, 3];
    swarm.peers = 4;
    expect(run(picker, 0, 2)).toEqual([1, 0, 2]);
  });
});

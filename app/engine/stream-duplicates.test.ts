import { describe, expect, it } from 'vitest';
import { DuplicateRequests, type DuplicatingWire, type OutstandingBlock } from './stream-duplicates';

type Callback = OutstandingBlock['callback'];

/** A wire that records what is asked and cancelled; `answer` plays the peer sending a block. */
function fakeWire(has: number[], type = 'webrtc') {
  const cancelled: string[] = [];
  const wire: DuplicatingWire & { answer(index: number, offset: number, chunk: Uint8Array): void; cancelled: string[] } = {
    type,
    peerChoking: false,
    peerPieces: { get: (index) => has.includes(index) },
    requests: [],
    request(piece, offset, length, cb) {
      wire.requests.push({ piece, offset, length, callback: (err, chunk) => cb(err, chunk) });
    },
    cancel(index, offset, length) {
      cancelled.push(`${index}.${offset}`);
      const at = wire.requests.findIndex((r) => r.piece === index && r.offset === offset && r.length === length);
      if (at >= 0) wire.requests.splice(at, 1)[0]?.callback(new Error('request was cancelled'), null);
    },
    answer(index, offset, chunk) {
      const at = wire.requests.findIndex((r) => r.piece === index && r.offset === offset);
      if (at >= 0) wire.requests.splice(at, 1)[0]?.callback(null, chunk);
    },
    cancelled,
  };
  return wire;
}

/** webtorrent asking `wire` for a block: records what its callback got. */
function asked(wire: DuplicatingWire, piece: number, offset = 0) {
  const got: (Uint8Array | Error | null)[] = [];
  const callback: Callback = (err, chunk) => got.push(err ?? chunk);
  wire.requests.push({ piece, offset, length: 16384, callback });
  return got;
}

describe('DuplicateRequests', () => {
  it('asks the other peers that have the piece for the same blocks', () => {
    const a = fakeWire([5, 6]);
    const b = fakeWire([5, 6]);
    const c = fakeWire([6]);
    asked(a, 5);
    asked(a, 6, 16384);
    asked(a, 9);
    const sent = new DuplicateRequests().duplicate([a, b, c], [5, 6]);
    expect(sent).toBe(3);
    expect(b.requests.map((r) => `${r.piece}.${r.offset}`)).toEqual(['5.0', '6.16384']);
    expect(c.requests.map((r) => `${r.piece}.${r.offset}`)).toEqual(['6.16384']);
  });

  it('leaves out choking peers, web seeds, and blocks a peer is asked for already', () => {
    const a = fakeWire([5]);
    const choking = { ...fakeWire([5]), peerChoking: true };
    const seed = fakeWire([5], 'webSeed');
    const both = fakeWire([5]);
    asked(a, 5);
    asked(both, 5);
    expect(new DuplicateRequests().duplicate([a, choking, seed, both], [5])).toBe(0);
  });

  it('hands the first copy to the request webtorrent made, and cancels that request at its peer', () => {
    const a = fakeWire([5]);
    const b = fakeWire([5]);
    const got = asked(a, 5);
    new DuplicateRequests().duplicate([a, b], [5]);
    const chunk = new Uint8Array([1, 2, 3]);
    b.answer(5, 0, chunk);
    expect(got).toEqual([chunk]);
    expect(a.requests).toEqual([]);
    expect(a.cancelled).toEqual(['5.0']);
  });

  it('drops a copy that comes after the original, and cancels copies once the piece is in', () => {
    const a = fakeWire([5]);
    const b = fakeWire([5]);
    const got = asked(a, 5);
    const duplicates = new DuplicateRequests();
    duplicates.duplicate([a, b], [5]);
    const original = new Uint8Array([7]);
    a.answer(5, 0, original);
    duplicates.settle(5);
    expect(b.cancelled).toEqual(['5.0']);
    expect(b.requests).toEqual([]);
    expect(got).toEqual([original]);
  });
});

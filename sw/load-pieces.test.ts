import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { openDb } from '../app/shared/db';
import { deleteTorrent } from '../app/shared/records';
import type { PieceOutcome } from '../app/shared/sw-contract';
import { loadPieces as loadWith, PieceUnavailableError, type EngineAccess, type PieceQuery } from './load-pieces';

const IH = 'd'.repeat(40);

/** The engine the service worker talks to, answering as each test says. */
const engine = {
  answer: (): Promise<PieceOutcome> => Promise.resolve('unknown'),
  asked: 0,
  ask(): Promise<PieceOutcome> {
    engine.asked++;
    return engine.answer();
  },
};
let connected = true;

const access: EngineAccess = {
  current: () => (connected ? () => engine.ask() : null),
  connect: () => Promise.resolve(connected ? () => engine.ask() : null),
  forget: () => {},
  timeoutSeconds: 60,
};
const loadPieces = (q: PieceQuery, engineFirst = false) => loadWith(access, q, engineFirst);

async function store(indexes: number[]): Promise<void> {
  const tx = (await openDb()).transaction('pieces', 'readwrite');
  await Promise.all([...indexes.map((i) => tx.store.put(new Uint8Array([i]).buffer, [IH, i])), tx.done]);
}

const query = (index: number, runTo = index + 3) => ({ infoHash: IH, index, runTo, lastIndex: 100, requestId: 'r' });
const firstBytes = (pieces: Uint8Array[]) => pieces.map((p) => p[0]);

beforeEach(async () => {
  await deleteTorrent(IH);
  connected = true;
  engine.asked = 0;
  engine.answer = () => Promise.resolve('stored');
});

describe('loadPieces', () => {
  it('reads the stored run from IndexedDB', async () => {
    await store([4, 5, 6]);
    const loaded = await loadPieces(query(4));
    expect(firstBytes(loaded.pieces)).toEqual([4, 5, 6]);
    expect(loaded.fresh).toBe(false);
  });

  it('takes the pieces the engine hands over when none is stored', async () => {
    engine.answer = () => Promise.resolve({ pieces: [new Uint8Array([8]).buffer, new Uint8Array([9]).buffer] });
    const loaded = await loadPieces(query(8));
    expect(firstBytes(loaded.pieces)).toEqual([8, 9]);
    expect(loaded.fresh).toBe(true);
  });

  it('reads IndexedDB again once the engine says the piece is stored', async () => {
    let stored: () => void = () => {};
    engine.answer = () => new Promise((resolve) => (stored = () => resolve('stored')));
    const loading = loadPieces(query(2));
    await new Promise((resolve) => setTimeout(resolve, 20));
    await store([2, 3]);
    stored();
    expect(firstBytes((await loading).pieces)).toEqual([2, 3]);
  });

  it('after fresh pieces, asks the engine first and reads only what it says is stored', async () => {
    await store([1]);
    engine.answer = () => Promise.resolve({ pieces: [new Uint8Array([7]).buffer] });
    expect(firstBytes((await loadPieces(query(1), true)).pieces)).toEqual([7]);
    engine.answer = () => Promise.resolve('stored');
    expect(firstBytes((await loadPieces(query(1), true)).pieces)).toEqual([1]);
  });

  it('serves what is stored of a torrent the engine no longer runs', async () => {
    await store([3]);
    engine.answer = () => Promise.resolve('unknown');
    expect(firstBytes((await loadPieces(query(3), true)).pieces)).toEqual([3]);
  });

  it('without an engine, serves what is stored and fails on the rest', async () => {
    connected = false;
    await store([5]);
    expect(firstBytes((await loadPieces(query(5))).pieces)).toEqual([5]);
    await expect(loadPieces(query(6))).rejects.toBeInstanceOf(PieceUnavailableError);
    expect(engine.asked).toBe(0);
  });

  it('fails when the engine no longer has the torrent and nothing is stored', async () => {
    engine.answer = () => Promise.resolve('unknown');
    await expect(loadPieces(query(9))).rejects.toBeInstanceOf(PieceUnavailableError);
  });
});

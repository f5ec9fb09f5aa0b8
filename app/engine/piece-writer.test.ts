import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { openDb } from '../shared/db';
import { keyOf } from '../shared/piece-runs';
import { readStoredRun } from '../shared/records';
import { pieceWriter } from './piece-writer';
import { TRANSACTIONS_AT_ONCE } from './piece-writes';

const A = 'c'.repeat(40);

describe('pieceWriter (on this thread: Node has no Worker)', () => {
  it(`queues writes, with at most ${TRANSACTIONS_AT_ONCE} transactions under way`, async () => {
    const db = await openDb();
    const real = db.transaction.bind(db);
    let open = 0;
    let most = 0;
    vi.spyOn(db, 'transaction').mockImplementation((...args: Parameters<typeof real>) => {
      const tx = real(...args);
      most = Math.max(most, ++open);
      void tx.done.finally(() => open--);
      return tx;
    });
    const values = await Promise.all(
      Array.from({ length: 6 }, (_, i) => pieceWriter.write([{ key: keyOf(A, { first: i, count: 1 }), value: new Uint8Array(8).fill(i).buffer }])),
    );
    vi.restoreAllMocks();
    expect(most).toBe(TRANSACTIONS_AT_ONCE);
    // Each write resolves with its own values, once they are stored.
    expect(values.map(([v]) => new Uint8Array(v!)[0])).toEqual([0, 1, 2, 3, 4, 5]);
    expect((await readStoredRun(A, 5, 5))[0]).toEqual(new Uint8Array(8).fill(5));
  });
});

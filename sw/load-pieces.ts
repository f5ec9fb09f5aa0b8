import type { PieceOutcome } from '../app/shared/sw-contract';
import { traceMark } from '../app/shared/timing-marks';
import { readStoredRun } from './stored-run';

export class PieceUnavailableError extends Error {
  override name = 'PieceUnavailableError';
}

/** Where a request's pieces come from: `index..runTo` read at once if stored, `lastIndex` the last it needs. */
export interface PieceQuery {
  infoHash: string;
  index: number;
  runTo: number;
  lastIndex: number;
  requestId: string;
}

export type EngineAnswer = PieceOutcome | 'timeout';

/** The engine worker as the service worker reaches it (piece-source.ts). */
export interface EngineAccess {
  /** The engine a page has handed over, without asking the pages. */
  current(): ((q: PieceQuery) => Promise<EngineAnswer>) | null;
  /** The engine, asking the open pages for one; null if none does in time. */
  connect(): Promise<((q: PieceQuery) => Promise<EngineAnswer>) | null>;
  /** The engine stopped answering. */
  forget(): void;
  /** What a timeout is called in messages. */
  timeoutSeconds: number;
}

export interface LoadedPieces {
  /** Each a whole piece, possibly a view into a larger stored run. */
  pieces: Uint8Array<ArrayBuffer>[];
  /** Handed over by the engine: the pieces after them are likely fresh too. */
  fresh: boolean;
}

/**
 * Verified pieces from `index` on, at least that one, never past `runTo`:
 * the stored run from IndexedDB, or else what the engine hands over once it
 * has the piece. Settles as soon as `engine` does.
 *
 * With an engine at hand both are asked at once: while a download writes,
 * a read that finds nothing took 20-150 ms here, and the engine knows
 * without reading (and starts fetching at once). `engineFirst` (the last
 * pieces were fresh) reads IndexedDB only if the engine says they are stored.
 */
export async function loadPieces(engine: EngineAccess, q: PieceQuery, engineFirst = false): Promise<LoadedPieces> {
  const ask = engine.current();
  if (ask && engineFirst) {
    const outcome = await ask(q);
    // A torrent stopped meanwhile may still have the pieces stored.
    if (outcome !== 'unknown') return settle(engine, q, outcome);
  }
  const stored = readStoredRun(q.infoHash, q.index, q.runTo).then((pieces) => ({ pieces, fresh: false }));
  if (!ask) {
    const run = await stored;
    if (run.pieces.length > 0) return run;
    traceMark(`missing ${q.index}`);
    const connected = await engine.connect();
    if (!connected) {
      throw new PieceUnavailableError(`Piece ${q.index} is not downloaded yet, and no app tab is open to download it.`);
    }
    return settle(engine, q, await connected(q));
  }
  const asked = ask(q);
  // Whichever answer is not needed may still fail: that is no one's concern.
  asked.catch(() => {});
  stored.catch(() => {});
  const first = await Promise.race([stored, asked]);
  if (typeof first === 'object' && 'fresh' in first) {
    if (first.pieces.length > 0) return first;
    traceMark(`missing ${q.index}`);
    return settle(engine, q, await asked);
  }
  if (typeof first === 'object') return settle(engine, q, first);
  const run = await stored;
  return run.pieces.length > 0 ? run : settle(engine, q, first);
}

/** What the engine said, as pieces or the error to answer with. */
async function settle(engine: EngineAccess, q: PieceQuery, outcome: EngineAnswer): Promise<LoadedPieces> {
  traceMark(`answered ${q.index} ${typeof outcome === 'object' ? `+${outcome.pieces.length}` : outcome}`);
  if (outcome === 'timeout') {
    engine.forget();
    throw new PieceUnavailableError(`Piece ${q.index} did not arrive within ${engine.timeoutSeconds} seconds.`);
  }
  if (outcome === 'unknown') throw new PieceUnavailableError('The torrent was removed or stopped.');
  if (typeof outcome === 'object' && outcome.pieces.length > 0) return { pieces: outcome.pieces.map((p) => new Uint8Array(p)), fresh: true };
  const pieces = await readStoredRun(q.infoHash, q.index, q.runTo);
  if (pieces.length === 0) throw new PieceUnavailableError(`Piece ${q.index} was reported stored but is missing.`);
  traceMark(`read ${q.index}`);
  return { pieces, fresh: false };
}

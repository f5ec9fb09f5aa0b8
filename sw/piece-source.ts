import type { Remote } from 'comlink';
import type { PieceOutcome, SwEngineApi } from '../app/shared/sw-contract';
import { currentEngine, forgetEngine, getEngine, withTimeout } from './engine-link';
import { loadPieces as loadWith, type EngineAccess, type LoadedPieces, type PieceQuery } from './load-pieces';

export { PieceUnavailableError, type LoadedPieces } from './load-pieces';

/** How long to wait for a page to hand over an engine port. */
const ENGINE_CONNECT_MS = 3000;
/** How long one missing piece may take to arrive before the stream fails. */
const PIECE_TIMEOUT_MS = 60_000;

function asker(engine: Remote<SwEngineApi> | null) {
  if (!engine) return null;
  return (q: PieceQuery) => {
    // Comlink's Remote spreads the union over its promise type.
    const answer = engine.waitForPiece(q.requestId, q.infoHash, q.index, q.lastIndex) as Promise<PieceOutcome>;
    return withTimeout(answer, PIECE_TIMEOUT_MS);
  };
}

const access: EngineAccess = {
  current: () => asker(currentEngine()),
  connect: async () => asker(await getEngine(ENGINE_CONNECT_MS)),
  forget: forgetEngine,
  timeoutSeconds: PIECE_TIMEOUT_MS / 1000,
};

/** Verified pieces from `q.index` on, from IndexedDB or the engine (load-pieces.ts); always settles in bounded time. */
export function loadPieces(q: PieceQuery, engineFirst = false): Promise<LoadedPieces> {
  return loadWith(access, q, engineFirst);
}

/** Drops the engine-side priority of a request; best effort. */
export async function releaseRequest(requestId: string): Promise<void> {
  const engine = await getEngine(0);
  if (engine) void engine.release(requestId).catch(() => {});
}

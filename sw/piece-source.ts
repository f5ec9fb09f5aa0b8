import { readPiece } from '../app/shared/records';
import { forgetEngine, getEngine, withTimeout } from './engine-link';

/** How long to wait for a page to hand over an engine port. */
const ENGINE_CONNECT_MS = 3000;
/** How long one missing piece may take to arrive before the stream fails. */
const PIECE_TIMEOUT_MS = 60_000;

export class PieceUnavailableError extends Error {
  override name = 'PieceUnavailableError';
}

/**
 * A verified piece: from IndexedDB if stored, otherwise fetched by the engine
 * first. Always settles within a bounded time.
 */
export async function loadPiece(infoHash: string, index: number, lastIndex: number, requestId: string): Promise<ArrayBuffer> {
  const stored = await readPiece(infoHash, index);
  if (stored) return stored;
  const engine = await getEngine(ENGINE_CONNECT_MS);
  if (!engine) {
    throw new PieceUnavailableError(`Piece ${index} is not downloaded yet, and no app tab is open to download it.`);
  }
  const outcome = await withTimeout(engine.waitForPiece(requestId, infoHash, index, lastIndex), PIECE_TIMEOUT_MS);
  if (outcome === 'timeout') {
    forgetEngine();
    throw new PieceUnavailableError(`Piece ${index} did not arrive within ${PIECE_TIMEOUT_MS / 1000} seconds.`);
  }
  if (outcome === 'unknown') throw new PieceUnavailableError('The torrent was removed or stopped.');
  const data = await readPiece(infoHash, index);
  if (!data) throw new PieceUnavailableError(`Piece ${index} was reported stored but is missing.`);
  return data;
}

/** Drops the engine-side priority of a request; best effort. */
export async function releaseRequest(requestId: string): Promise<void> {
  const engine = await getEngine(0);
  if (engine) void engine.release(requestId).catch(() => {});
}

import type { PieceGeometry } from '../app/shared/pieces';
import { piecesForBytes, sliceInPiece } from '../app/shared/pieces';
import { loadPiece, releaseRequest } from './piece-source';
import { readStoredRun, runEnd } from './stored-run';

/** Pieces queued ahead of the consumer before the next read (which may add a whole run). */
const READ_AHEAD_PIECES = 2;

export interface StreamStart {
  /** Shared with the engine so it can drop this request's priority. */
  requestId: string;
  /** The first piece, already loaded so errors can be answered before a 206. */
  firstPiece: ArrayBuffer;
}

/**
 * The absolute torrent bytes `start..end` (inclusive) as a stream, one piece
 * at a time: never the whole file in memory. Cancelling (the media element
 * aborts on seek) releases the engine-side priority.
 */
export function pieceStream(
  infoHash: string,
  geometry: PieceGeometry,
  start: number,
  end: number,
  { requestId, firstPiece }: StreamStart,
): ReadableStream<Uint8Array> {
  const { first, last } = piecesForBytes(geometry, start, end);
  let next = first;
  let preloaded: ArrayBuffer | null = firstPiece;
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    void releaseRequest(requestId);
  };
  /** The stored pieces from `next` on, or else the one at `next` once the engine has it. */
  const nextPieces = async (): Promise<ArrayBuffer[]> => {
    const run = await readStoredRun(infoHash, next, runEnd(next, last, geometry.pieceLength));
    return run.length > 0 ? run : [await loadPiece(infoHash, next, last, requestId)];
  };

  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const pieces = preloaded ? [preloaded] : await nextPieces();
          preloaded = null;
          for (const piece of pieces) {
            const { from, to } = sliceInPiece(geometry, next, start, end);
            controller.enqueue(new Uint8Array(piece, from, to - from));
            next += 1;
            if (next > last) {
              controller.close();
              release();
              return;
            }
          }
        } catch (err) {
          release();
          controller.error(err);
        }
      },
      cancel() {
        release();
      },
    },
    { highWaterMark: READ_AHEAD_PIECES },
  );
}

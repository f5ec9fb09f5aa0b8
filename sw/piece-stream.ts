import type { PieceGeometry } from '../app/shared/pieces';
import { piecesForBytes, sliceInPiece } from '../app/shared/pieces';
import { traceMark } from '../app/shared/timing-marks';
import { loadPieces, releaseRequest, type LoadedPieces } from './piece-source';
import { runEnd } from './stored-run';

/**
 * Bytes queued ahead of the consumer before the next read (which may add a
 * whole run). Counted in bytes, not pieces: with 16 KiB pieces two of them
 * were gone before the next read began, and a seek's stream waited a round
 * trip to the engine per read while the engine already had the pieces.
 */
const READ_AHEAD_BYTES = 1024 * 1024;

export interface StreamStart {
  /** Shared with the engine so it can drop this request's priority. */
  requestId: string;
  /** The first pieces, already loaded so errors can be answered before a 206. */
  firstPieces: LoadedPieces;
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
  { requestId, firstPieces }: StreamStart,
): ReadableStream<Uint8Array> {
  const { first, last } = piecesForBytes(geometry, start, end);
  let next = first;
  let preloaded: LoadedPieces | null = firstPieces;
  /** Whether the last pieces came fresh from the engine: then so will the next ones, likely. */
  let fresh = firstPieces.fresh;
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    void releaseRequest(requestId);
  };
  const nextPieces = (): Promise<LoadedPieces> =>
    loadPieces({ infoHash, index: next, runTo: runEnd(next, last, geometry.pieceLength), lastIndex: last, requestId }, fresh);

  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const loaded = preloaded ?? (await nextPieces());
          preloaded = null;
          fresh = loaded.fresh;
          const { pieces } = loaded;
          traceMark(`enqueue ${next}+${pieces.length}${fresh ? ' fresh' : ''}`);
          for (const piece of pieces) {
            const { from, to } = sliceInPiece(geometry, next, start, end);
            controller.enqueue(piece.subarray(from, to));
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
        traceMark(`cancel at ${next}`);
        release();
      },
    },
    { highWaterMark: READ_AHEAD_BYTES, size: (chunk) => chunk.byteLength },
  );
}

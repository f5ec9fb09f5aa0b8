import type { PieceGeometry } from '../app/shared/pieces';
import { piecesForBytes, sliceInPiece } from '../app/shared/pieces';
import { loadPiece, releaseRequest } from './piece-source';

/** Pieces read ahead of the consumer; the rest waits until it reads. */
const READ_AHEAD_PIECES = 2;

/**
 * The absolute torrent bytes `start..end` (inclusive) as a stream, one piece
 * at a time: never the whole file in memory. Cancelling (the media element
 * aborts on seek) releases the engine-side priority.
 */
export function pieceStream(infoHash: string, geometry: PieceGeometry, start: number, end: number): ReadableStream<Uint8Array> {
  const { first, last } = piecesForBytes(geometry, start, end);
  const requestId = crypto.randomUUID();
  let next = first;
  let released = false;
  const release = (): void => {
    if (released) return;
    released = true;
    void releaseRequest(requestId);
  };

  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const piece = await loadPiece(infoHash, next, last, requestId);
          const { from, to } = sliceInPiece(geometry, next, start, end);
          controller.enqueue(new Uint8Array(piece, from, to - from));
          next += 1;
          if (next > last) {
            controller.close();
            release();
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

import { pieceSize, type PieceGeometry } from '../../shared/pieces';
import type { PieceRange } from './range-plan';

export interface CutPiece {
  index: number;
  /** Its own buffer, so storing it copies nothing else. */
  data: Uint8Array<ArrayBuffer>;
}

/**
 * Cuts a response body for a piece range into whole pieces as the chunks
 * arrive, so each piece can be hashed and stored before the body ends.
 */
export class PieceCutter {
  readonly #g: PieceGeometry;
  readonly #last: number;
  #index: number;
  #piece: Uint8Array<ArrayBuffer> | null = null;
  #filled = 0;

  constructor(g: PieceGeometry, range: PieceRange) {
    this.#g = g;
    this.#index = range.first;
    this.#last = range.last;
  }

  /** The next piece it waits for; past `last` once every piece is out. */
  get nextIndex(): number {
    return this.#index;
  }

  /** Bytes past the range's end, which push() drops. */
  surplus = 0;

  /** Takes a body chunk; gives the pieces it completes. */
  push(chunk: Uint8Array): CutPiece[] {
    const out: CutPiece[] = [];
    let at = 0;
    while (at < chunk.byteLength) {
      if (this.#index > this.#last) {
        this.surplus += chunk.byteLength - at;
        break;
      }
      const piece = (this.#piece ??= new Uint8Array(pieceSize(this.#g, this.#index)));
      const n = Math.min(piece.byteLength - this.#filled, chunk.byteLength - at);
      piece.set(chunk.subarray(at, at + n), this.#filled);
      this.#filled += n;
      at += n;
      if (this.#filled === piece.byteLength) {
        out.push({ index: this.#index, data: piece });
        this.#index++;
        this.#piece = null;
        this.#filled = 0;
      }
    }
    return out;
  }

  /** Whether every piece of the range came out. */
  get complete(): boolean {
    return this.#index > this.#last;
  }
}

import { PieceState } from '../../shared/engine-api';

/** How many pieces are in each state. */
export interface PieceCounts {
  total: number;
  stored: number;
  downloading: number;
}

export function countPieces(pieces: Uint8Array): PieceCounts {
  let stored = 0;
  let downloading = 0;
  for (const state of pieces) {
    if (state === PieceState.Stored) stored++;
    else if (state === PieceState.Downloading) downloading++;
  }
  return { total: pieces.length, stored, downloading };
}

/** Per bucket, the share (0..1) of its pieces that are stored and that are downloading. */
export interface Buckets {
  stored: Float32Array;
  downloading: Float32Array;
}

/**
 * Squeezes the piece map into at most `width` buckets (one per device pixel
 * column), each covering a run of whole pieces; small torrents get one bucket
 * per piece.
 */
export function bucketPieces(pieces: Uint8Array, width: number): Buckets {
  const count = Math.max(0, Math.min(pieces.length, Math.floor(width)));
  const stored = new Float32Array(count);
  const downloading = new Float32Array(count);
  for (let b = 0; b < count; b++) {
    const from = Math.floor((b * pieces.length) / count);
    const to = Math.floor(((b + 1) * pieces.length) / count);
    let s = 0;
    let d = 0;
    for (let i = from; i < to; i++) {
      if (pieces[i] === PieceState.Stored) s++;
      else if (pieces[i] === PieceState.Downloading) d++;
    }
    stored[b] = s / (to - from);
    downloading[b] = d / (to - from);
  }
  return { stored, downloading };
}

/** The map in words, for screen readers and as the visible caption. */
export function describePieces({ total, stored, downloading }: PieceCounts): string {
  const base = `${stored} of ${total} ${total === 1 ? 'piece' : 'pieces'} stored`;
  return downloading > 0 ? `${base}, ${downloading} downloading` : base;
}

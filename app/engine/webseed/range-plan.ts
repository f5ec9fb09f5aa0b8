import type { ByteRange } from '../../shared/range';

/** Inclusive piece indexes fetched in one HTTP request. */
export interface PieceRange {
  first: number;
  last: number;
}

export interface TorrentGeometry {
  pieceLength: number;
  /** Total bytes in the torrent. */
  length: number;
}

/**
 * The next range to fetch: the first candidate `claim` accepts, then the
 * pieces right after it while `claim` accepts them and the range stays within
 * `maxBytes` (it always holds at least one piece). `claim` takes the piece
 * when it returns true, so it is called only for pieces that go in the range.
 */
export function planRange(
  candidates: Iterable<number>,
  claim: (index: number) => boolean,
  pieceCount: number,
  pieceLength: number,
  maxBytes: number,
): PieceRange | null {
  for (const first of candidates) {
    if (!claim(first)) continue;
    let last = first;
    while (last + 1 < pieceCount && (last + 2 - first) * pieceLength <= maxBytes && claim(last + 1)) last++;
    return { first, last };
  }
  return null;
}

/** The torrent bytes of a piece range, as an HTTP Range wants them. */
export function bytesOf(g: TorrentGeometry, range: PieceRange): ByteRange {
  return { start: range.first * g.pieceLength, end: Math.min(g.length, (range.last + 1) * g.pieceLength) - 1 };
}

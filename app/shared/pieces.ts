/** Piece maths for mapping file byte ranges onto torrent pieces. */

export interface PieceGeometry {
  pieceLength: number;
  /** Total bytes in the torrent. */
  length: number;
}

export function pieceCount(g: PieceGeometry): number {
  return Math.ceil(g.length / g.pieceLength);
}

/** Byte length of piece `index`; the last one is usually shorter. */
export function pieceSize(g: PieceGeometry, index: number): number {
  const start = index * g.pieceLength;
  return Math.max(0, Math.min(g.pieceLength, g.length - start));
}

/** First and last piece holding the absolute torrent bytes `start..end` (inclusive). */
export function piecesForBytes(g: PieceGeometry, start: number, end: number): { first: number; last: number } {
  return { first: Math.floor(start / g.pieceLength), last: Math.floor(end / g.pieceLength) };
}

/**
 * The part of piece `index` that lies inside absolute bytes `start..end`
 * (inclusive), as offsets into the piece: `from` inclusive, `to` exclusive.
 */
export function sliceInPiece(g: PieceGeometry, index: number, start: number, end: number): { from: number; to: number } {
  const pieceStart = index * g.pieceLength;
  const from = Math.max(0, start - pieceStart);
  const to = Math.min(pieceSize(g, index), end - pieceStart + 1);
  return { from, to: Math.max(from, to) };
}

/** Bytes of `offset..offset+length` (exclusive end) covered by the pieces `has` reports. */
export function storedBytes(
  g: PieceGeometry,
  offset: number,
  length: number,
  has: (index: number) => boolean,
): number {
  if (length === 0) return 0;
  const { first, last } = piecesForBytes(g, offset, offset + length - 1);
  let total = 0;
  for (let i = first; i <= last; i++) {
    if (!has(i)) continue;
    const { from, to } = sliceInPiece(g, i, offset, offset + length - 1);
    total += to - from;
  }
  return total;
}

/** A BitTorrent bitfield (most significant bit first) with the given pieces set. */
export function bitfieldFromIndexes(indexes: Iterable<number>, count: number): Uint8Array {
  const bits = new Uint8Array(Math.ceil(count / 8));
  for (const i of indexes) {
    if (!Number.isInteger(i) || i < 0 || i >= count) continue;
    bits[i >> 3]! |= 0x80 >> (i & 7);
  }
  return bits;
}

/** Whether spans from storedSpans() cover the whole file. */
export function coversWhole(spans: { start: number; end: number }[]): boolean {
  return spans.length === 1 && spans[0]!.start === 0 && spans[0]!.end === 1;
}

/**
 * The stored parts of bytes `offset..offset+length` (exclusive end) as
 * fractions 0..1 of that span, adjacent pieces merged: for a seek bar.
 */
export function storedSpans(
  g: PieceGeometry,
  offset: number,
  length: number,
  has: (index: number) => boolean,
): { start: number; end: number }[] {
  if (length === 0) return [];
  const { first, last } = piecesForBytes(g, offset, offset + length - 1);
  const spans: { start: number; end: number }[] = [];
  for (let i = first; i <= last; i++) {
    if (!has(i)) continue;
    const from = Math.max(i * g.pieceLength, offset) - offset;
    const to = Math.min((i + 1) * g.pieceLength, offset + length) - offset;
    const previous = spans.at(-1);
    if (previous && previous.end === from / length) previous.end = to / length;
    else spans.push({ start: from / length, end: to / length });
  }
  return spans;
}

/** Piece orders for the piece picker (piece-picker.ts); pure, so they are tested without peers. */

/** A selection as webtorrent keeps it: pieces `from + offset..to` still to fetch. */
export interface PickSelection {
  from: number;
  to: number;
  offset: number;
  priority: number;
}

export interface PieceRange {
  from: number;
  /** Inclusive. */
  to: number;
}

/** A random order of `0..count-1`: the tie-break between equally rare pieces, fixed per torrent so ties keep their order. */
export function shuffledIndexes(count: number, random: () => number = Math.random): Uint32Array {
  const order = new Uint32Array(count);
  for (let i = 0; i < count; i++) order[i] = i;
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const swap = order[i] ?? i;
    order[i] = order[j] ?? j;
    order[j] = swap;
  }
  return order;
}

/** A peer count as a bucket: anything odd (NaN, negative) counts as no peers. */
const level = (value: number | undefined): number => (value !== undefined && value > 0 ? Math.floor(value) : 0);

/**
 * The pieces not stored, held by the fewest peers first; equally rare pieces
 * keep their order in `tieOrder`. A counting sort, as availabilities are
 * small peer counts: linear in the number of pieces.
 */
export function rarestFirst(
  availability: ArrayLike<number>,
  isStored: (index: number) => boolean,
  tieOrder: ArrayLike<number>,
): Uint32Array {
  const count = availability.length;
  const missing = new Uint8Array(count);
  let max = 0;
  let total = 0;
  for (let i = 0; i < count; i++) {
    if (isStored(i)) continue;
    missing[i] = 1;
    total++;
    max = Math.max(max, level(availability[i]));
  }
  // starts[a]: where the pieces held by `a` peers begin in the order.
  const starts = new Uint32Array(max + 2);
  for (let i = 0; i < count; i++) {
    const next = level(availability[i]) + 1;
    if (missing[i]) starts[next] = (starts[next] ?? 0) + 1;
  }
  for (let a = 1; a < starts.length; a++) starts[a] = (starts[a] ?? 0) + (starts[a - 1] ?? 0);
  const order = new Uint32Array(total);
  for (let k = 0; k < tieOrder.length; k++) {
    const piece = tieOrder[k] ?? 0;
    if (!missing[piece]) continue;
    const bucket = level(availability[piece]);
    const at = starts[bucket] ?? 0;
    order[at] = piece;
    starts[bucket] = at + 1;
  }
  return order;
}

/**
 * The pieces stream windows still need, nearest first: the highest priority
 * first (each stream's nearest step), then the lowest index.
 */
export function streamRanges(selections: Iterable<PickSelection>, minPriority: number): PieceRange[] {
  return [...selections]
    .filter((s) => s.priority >= minPriority && s.from + s.offset <= s.to)
    .sort((a, b) => b.priority - a.priority || a.from - b.from)
    .map((s) => ({ from: s.from + s.offset, to: s.to }));
}

/**
 * How pieces are keyed in the `pieces` store. A record holds one piece,
 * keyed `[infoHash, index]`, or a run of `count` consecutive whole pieces,
 * keyed `[infoHash, first, count]`, their bytes one after another. Both key
 * shapes sort by index within a torrent, so one key range still covers a
 * torrent, and records from before runs existed read as they are.
 *
 * Why runs: Chromium keeps each large value in a file of its own, and what
 * it costs goes by values more than by bytes. Writing 256 MiB into a profile
 * on disk, alone (bench/idb-write-cost.ts): 256 KiB values 162 MB/s and
 * 1.45 CPU-s of Chromium's processes; 2 MiB values 237-244 MB/s and 0.7.
 */
export type PieceKey = [infoHash: string, index: number] | [infoHash: string, first: number, count: number];

/** Bytes a run record holds at most; the service worker reads as much at once (sw/stored-run.ts). */
export const RUN_BYTES = 2 * 1024 * 1024;
/** Pieces a run holds at most, whatever their size: bounds how far back a lookup looks. */
export const MAX_RUN_PIECES = 64;

export interface Span {
  first: number;
  count: number;
}

export function spanOf(key: PieceKey): Span {
  return { first: key[1], count: key.length === 3 ? key[2] : 1 };
}

export function keyOf(infoHash: string, { first, count }: Span): PieceKey {
  return count === 1 ? [infoHash, first] : [infoHash, first, count];
}

/** Pieces of `pieceLength` bytes that fit one run record. */
export function runPieces(pieceLength: number): number {
  return Math.max(1, Math.min(MAX_RUN_PIECES, Math.floor(RUN_BYTES / pieceLength)));
}

/**
 * Sorted, distinct piece indexes into runs of consecutive ones, at most
 * `max` long. Only whole pieces may share a run (a torrent's short last
 * piece is stored alone), so a run's piece length is its bytes / count.
 */
export function groupRuns(indexes: readonly number[], max: number): Span[] {
  const spans: Span[] = [];
  for (const index of indexes) {
    const last = spans.at(-1);
    if (last && last.first + last.count === index && last.count < max) last.count++;
    else spans.push({ first: index, count: 1 });
  }
  return spans;
}

/** Every piece index the keys hold, sorted and distinct. */
export function indexesOf(keys: readonly PieceKey[]): number[] {
  const all = new Set<number>();
  for (const key of keys) {
    const { first, count } = spanOf(key);
    for (let i = first; i < first + count; i++) all.add(i);
  }
  return [...all].sort((a, b) => a - b);
}

/**
 * Bounds of the key range holding every record that may contain a piece in
 * `from..to`: a run that contains `from` starts at most MAX_RUN_PIECES - 1 before it.
 */
export function windowBounds(infoHash: string, from: number, to: number): { lower: PieceKey; upper: PieceKey } {
  return { lower: [infoHash, Math.max(0, from - MAX_RUN_PIECES + 1)], upper: [infoHash, to, Number.POSITIVE_INFINITY] };
}

/** A record to read, and the part of it that is wanted: pieces `from..to` of its span. */
export interface ReadStep {
  key: PieceKey;
  span: Span;
  from: number;
  to: number;
}

/**
 * The records that hold pieces `from..to` in order, from the keys of the
 * window (windowBounds), stopping at the first piece none of them holds.
 * Where two records hold a piece, the one that reaches further is read.
 */
export function planRead(keys: readonly PieceKey[], from: number, to: number): ReadStep[] {
  const steps: ReadStep[] = [];
  let next = from;
  while (next <= to) {
    let best: { key: PieceKey; span: Span } | null = null;
    for (const key of keys) {
      const span = spanOf(key);
      const end = span.first + span.count - 1;
      if (span.first <= next && end >= next && (!best || end > best.span.first + best.span.count - 1)) best = { key, span };
    }
    if (!best) break;
    const last = Math.min(to, best.span.first + best.span.count - 1);
    steps.push({ ...best, from: next, to: last });
    next = last + 1;
  }
  return steps;
}

/** Where pieces `step.from..step.to` lie in a record of `size` bytes: [start, end). */
export function recordBytes(step: ReadStep, size: number): { start: number; end: number } {
  const pieceLength = step.span.count === 1 ? size : size / step.span.count;
  return {
    start: (step.from - step.span.first) * pieceLength,
    end: Math.min(size, (step.to - step.span.first + 1) * pieceLength),
  };
}

/** The pieces `step.from..step.to` as views into the record's bytes. */
export function piecesOfRecord(step: ReadStep, value: ArrayBuffer): Uint8Array<ArrayBuffer>[] {
  const pieceLength = step.span.count === 1 ? value.byteLength : value.byteLength / step.span.count;
  const out: Uint8Array<ArrayBuffer>[] = [];
  for (let i = step.from; i <= step.to; i++) {
    const at = (i - step.span.first) * pieceLength;
    out.push(new Uint8Array(value, at, Math.min(pieceLength, value.byteLength - at)));
  }
  return out;
}

/**
 * The same from the wanted part of a record alone (`recordBytes`), e.g. as
 * read out of a Blob record: the pieces `step.from..step.to` lie end to end.
 */
export function piecesOfPart(step: ReadStep, part: ArrayBuffer): Uint8Array<ArrayBuffer>[] {
  const count = step.to - step.from + 1;
  return piecesOfRecord({ ...step, span: { first: step.from, count } }, part);
}

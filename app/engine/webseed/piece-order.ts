import { STREAM_BASE_PRIORITY } from '../stream-window';

/** What webtorrent wants downloaded, as webtorrent keeps it. */
export interface Wanted {
  /** Sparse; set for pieces a reader waits for right now. */
  critical: readonly (boolean | undefined)[];
  /** Highest priority first; `offset` pieces from `from` are stored already. */
  selections: readonly { from: number; to: number; offset: number; priority: number }[];
}

/**
 * Piece indexes in the order to fetch them: critical pieces, then each
 * selection from its first missing piece, highest priority first. With
 * `urgentOnly`, only what a reader waits for: critical pieces and the
 * prioritised (stream) selections. Indexes may repeat; callers skip those
 * they cannot take.
 */
/** Stream windows sit at STREAM_BASE_PRIORITY and above; a High file (below it) is not urgent. */
function isStreamSelection(priority: number): boolean {
  return priority >= STREAM_BASE_PRIORITY;
}

export function* fetchOrder(wanted: Wanted, urgentOnly: boolean): Generator<number> {
  for (let i = 0; i < wanted.critical.length; i++) if (wanted.critical[i] === true) yield i;
  for (const s of wanted.selections) {
    if (urgentOnly && !isStreamSelection(s.priority)) continue;
    for (let i = s.from + s.offset; i <= s.to; i++) yield i;
  }
}

/** Whether `fetchOrder(wanted, urgentOnly)` would give piece `index`: a range may grow only over those. */
export function isWanted(wanted: Wanted, urgentOnly: boolean, index: number): boolean {
  if (wanted.critical[index] === true) return true;
  return wanted.selections.some((s) => (!urgentOnly || isStreamSelection(s.priority)) && index >= s.from + s.offset && index <= s.to);
}

/** Bytes kept selected ahead of where a stream reads. */
const WINDOW_BYTES = 16 * 1024 * 1024;
/** The nearest bytes are critical: webtorrent may take their blocks over from slower peers. */
const CRITICAL_BYTES = 256 * 1024;
/** Above every file priority (file-priority.ts: at most 0.5), so a watched file comes first. */
export const STREAM_BASE_PRIORITY = 1;

/** One selection of a stream's window: pieces `from..to` at `priority`. */
export interface WindowStep {
  from: number;
  to: number;
  priority: number;
}

export interface StreamWindow {
  /** Nearest first, each with a lower priority than the one before. */
  steps: WindowStep[];
  /** Pieces `from..criticalTo` of the first step on are critical. */
  criticalTo: number;
}

/**
 * The window for a stream that needs pieces `index..lastIndex`: up to
 * WINDOW_BYTES ahead, cut into steps that double in size (1, 1, 2, 4, …
 * pieces), nearest first with the highest priority. webtorrent fills
 * selections in priority order, so the window arrives in order step by step;
 * within a step the piece picker (piece-picker.ts) also goes in index order.
 */
export function planWindow(index: number, lastIndex: number, pieceLength: number): StreamWindow {
  const span = Math.max(1, Math.ceil(WINDOW_BYTES / pieceLength));
  const end = Math.max(index, Math.min(lastIndex, index + span - 1));
  const ranges: { from: number; to: number }[] = [];
  for (let from = index, size = 1; from <= end; ) {
    const to = Math.min(end, from + size - 1);
    ranges.push({ from, to });
    from = to + 1;
    if (ranges.length >= 2) size *= 2;
  }
  const steps = ranges.map((range, k) => ({ ...range, priority: STREAM_BASE_PRIORITY + ranges.length - 1 - k }));
  const critical = Math.max(1, Math.floor(CRITICAL_BYTES / pieceLength));
  return { steps, criticalTo: Math.min(end, index + critical - 1) };
}

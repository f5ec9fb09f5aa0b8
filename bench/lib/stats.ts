/** Summaries of repeated measurements: the median with the spread around it. */

export interface Summary {
  median: number;
  min: number;
  max: number;
  samples: number[];
}

/** The p-th percentile (0..100) of already sorted values, by linear interpolation. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error('percentile of no values');
  if (!(p >= 0 && p <= 100)) throw new Error(`percentile must be 0..100, got ${p}`);
  const rank = (p / 100) * (sorted.length - 1);
  const lower = Math.floor(rank);
  const upper = Math.ceil(rank);
  const low = sorted[lower] as number;
  const high = sorted[upper] as number;
  return low + (high - low) * (rank - lower);
}

export function sortedCopy(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/** Null when there are no samples (the measurement never ran). */
export function summarize(samples: readonly number[]): Summary | null {
  const finite = samples.filter((s) => Number.isFinite(s));
  if (finite.length === 0) return null;
  const sorted = sortedCopy(finite);
  return {
    median: percentile(sorted, 50),
    min: sorted[0] as number,
    max: sorted[sorted.length - 1] as number,
    samples: [...finite],
  };
}

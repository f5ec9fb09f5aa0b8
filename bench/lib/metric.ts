/** One reported figure: our measurement, the stock reference, and the goal. */
import { summarize, type Summary } from './stats.ts';

/**
 * A goal on the median. Every bound given must hold; ratios are ours divided
 * by the reference's median.
 */
export interface Target {
  min?: number;
  max?: number;
  minRatio?: number;
  maxRatio?: number;
}

export type Verdict = 'pass' | 'miss' | 'n/a';

export interface Metric {
  scenario: string;
  name: string;
  unit: string;
  ours: Summary | null;
  reference: Summary | null;
  target: Target | null;
}

export function metric(
  scenario: string,
  name: string,
  unit: string,
  samples: { ours: readonly number[]; reference?: readonly number[] },
  target: Target | null = null,
): Metric {
  return {
    scenario,
    name,
    unit,
    ours: summarize(samples.ours),
    reference: samples.reference ? summarize(samples.reference) : null,
    target,
  };
}

/** ours / reference on the medians; null when either is missing or the reference is zero. */
export function ratioOf(m: Metric): number | null {
  if (!m.ours || !m.reference || m.reference.median === 0) return null;
  return m.ours.median / m.reference.median;
}

export function verdictOf(m: Metric): Verdict {
  const t = m.target;
  if (!t || !m.ours) return 'n/a';
  const value = m.ours.median;
  const ratio = ratioOf(m);
  const needsRatio = t.minRatio !== undefined || t.maxRatio !== undefined;
  if (needsRatio && ratio === null) return 'n/a';
  const ok =
    (t.min === undefined || value >= t.min) &&
    (t.max === undefined || value <= t.max) &&
    (t.minRatio === undefined || (ratio as number) >= t.minRatio) &&
    (t.maxRatio === undefined || (ratio as number) <= t.maxRatio);
  return ok ? 'pass' : 'miss';
}

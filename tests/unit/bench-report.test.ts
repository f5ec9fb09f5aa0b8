import { describe, expect, it } from 'vitest';
import { parseArgs, UsageError } from '../../bench/lib/cli.ts';
import { metric, ratioOf, verdictOf } from '../../bench/lib/metric.ts';
import { formatNumber, formatSummary, formatTable, formatTarget } from '../../bench/lib/report.ts';
import { percentile, summarize } from '../../bench/lib/stats.ts';

describe('stats', () => {
  it('takes the median of odd and even counts', () => {
    expect(summarize([3, 1, 2])).toEqual({ median: 2, min: 1, max: 3, samples: [3, 1, 2] });
    expect(summarize([4, 1, 2, 3])?.median).toBe(2.5);
  });

  it('ignores runs that produced no number, and has no summary without any', () => {
    expect(summarize([NaN, 5, Infinity])?.samples).toEqual([5]);
    expect(summarize([])).toBeNull();
    expect(summarize([NaN])).toBeNull();
  });

  it('interpolates percentiles and refuses bad input', () => {
    expect(percentile([0, 10], 99)).toBeCloseTo(9.9);
    expect(percentile([7], 50)).toBe(7);
    expect(() => percentile([], 50)).toThrow();
    expect(() => percentile([1], 101)).toThrow();
  });
});

describe('verdicts', () => {
  const speed = (ours: number[], reference: number[]) =>
    metric('webrtc', 'download speed', 'MB/s', { ours, reference }, { min: 14, minRatio: 1.5 });

  it('passes only when every bound holds', () => {
    expect(verdictOf(speed([15, 16, 17], [9, 10, 11]))).toBe('pass');
    expect(verdictOf(speed([15, 16, 17], [11, 12, 13]))).toBe('miss'); // 1.33×
    expect(verdictOf(speed([12, 13, 13], [5, 5, 5]))).toBe('miss'); // under 14
  });

  it('handles "at most a share of the reference"', () => {
    const busy = metric('webrtc', 'busy', 'ms', { ours: [300], reference: [8000] }, { maxRatio: 0.1 });
    expect(ratioOf(busy)).toBeCloseTo(0.0375);
    expect(verdictOf(busy)).toBe('pass');
  });

  it('says n/a without a target, without our figure, or without the reference a ratio needs', () => {
    expect(verdictOf(metric('t', 'x', 'ms', { ours: [1] }))).toBe('n/a');
    expect(verdictOf(metric('t', 'x', 'ms', { ours: [] }, { max: 5 }))).toBe('n/a');
    expect(verdictOf(metric('t', 'x', 'ms', { ours: [1] }, { maxRatio: 1 }))).toBe('n/a');
    expect(verdictOf(metric('t', 'x', 'ms', { ours: [1] }, { max: 5 }))).toBe('pass');
  });
});

describe('table', () => {
  it('formats numbers to about three significant digits', () => {
    expect(formatNumber(1234.5)).toBe('1235');
    expect(formatNumber(14.04)).toBe('14.0');
    expect(formatNumber(1.5)).toBe('1.50');
    expect(formatNumber(0.0371)).toBe('0.037');
  });

  it('shows the median with the range, and targets in words', () => {
    expect(formatSummary(summarize([10, 12, 11]))).toBe('11.0 (10.0–12.0)');
    expect(formatSummary(null)).toBe('—');
    expect(formatTarget({ min: 14, minRatio: 1.5 }, 'MB/s')).toBe('≥ 14.0 MB/s, ≥ 1.50× ref');
    expect(formatTarget(null, 'ms')).toBe('—');
  });

  it('prints one Markdown row per metric', () => {
    const table = formatTable([
      metric('first-frame', 'first frame', 'ms', { ours: [900, 800, 1000], reference: [3000] }, { max: 1000 }),
    ]);
    expect(table.split('\n')).toEqual([
      '| scenario | ours | reference | ratio | target | pass/miss |',
      '|---|---|---|---|---|---|',
      '| first-frame: first frame (ms) | 900 (800–1000) | 3000 | 0.30× | ≤ 1000 ms | pass |',
    ]);
  });
});

describe('command line', () => {
  const known = ['webrtc', 'first-frame', 'tracker'];

  it('runs everything three times by default', () => {
    expect(parseArgs([], known)).toEqual({ scenarios: known, runs: 3 });
  });

  it('takes named scenarios and --runs', () => {
    expect(parseArgs(['tracker', 'webrtc', 'tracker', '--runs=5'], known)).toEqual({
      scenarios: ['tracker', 'webrtc'],
      runs: 5,
    });
  });

  it('refuses unknown names and options', () => {
    expect(() => parseArgs(['webrct'], known)).toThrow(UsageError);
    expect(() => parseArgs(['--fast'], known)).toThrow(UsageError);
    expect(() => parseArgs(['--runs=0'], known)).toThrow(UsageError);
  });
});

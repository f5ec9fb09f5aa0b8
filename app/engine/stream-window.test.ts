import { describe, expect, it } from 'vitest';
import { planWindow, STREAM_BASE_PRIORITY } from './stream-window';

const KiB = 1024;
const MiB = 1024 * KiB;

describe('planWindow', () => {
  it('covers 16 MiB ahead in steps of 1, 1, 2, 4, … pieces, nearest first', () => {
    const { steps } = planWindow(10, 100_000, 16 * KiB);
    expect(steps[0]).toMatchObject({ from: 10, to: 10 });
    expect(steps.slice(0, 5).map((s) => s.to - s.from + 1)).toEqual([1, 1, 2, 4, 8]);
    expect(steps.at(-1)?.to).toBe(10 + (16 * MiB) / (16 * KiB) - 1);
    // Contiguous, no gaps or overlaps.
    for (let i = 1; i < steps.length; i++) expect(steps[i]?.from).toBe((steps[i - 1]?.to ?? NaN) + 1);
  });

  it('gives nearer steps higher priorities, all above file priorities', () => {
    const { steps } = planWindow(0, 1000, 256 * KiB);
    const priorities = steps.map((s) => s.priority);
    expect(priorities).toEqual([...priorities].sort((a, b) => b - a));
    expect(new Set(priorities).size).toBe(priorities.length);
    expect(Math.min(...priorities)).toBe(STREAM_BASE_PRIORITY);
  });

  it('stops at the last piece the request needs', () => {
    const { steps, criticalTo } = planWindow(5, 7, 16 * KiB);
    expect(steps.map((s) => [s.from, s.to])).toEqual([
      [5, 5],
      [6, 6],
      [7, 7],
    ]);
    expect(criticalTo).toBe(7);
  });

  it('makes the next 256 KiB critical, and at least one piece', () => {
    expect(planWindow(100, 10_000, 16 * KiB).criticalTo).toBe(100 + 16 - 1);
    expect(planWindow(100, 10_000, 4 * MiB).criticalTo).toBe(100);
  });

  it('is one piece when the request needs only that one', () => {
    expect(planWindow(42, 42, 16 * KiB)).toEqual({ steps: [{ from: 42, to: 42, priority: STREAM_BASE_PRIORITY }], criticalTo: 42 });
  });
});

import { describe, expect, it } from 'vitest';
import { addSample, MIN_AXIS_SECONDS, summarise, timeAxis, toColumns } from './speed-history';

describe('speed history', () => {
  it('keeps only the samples inside the window', () => {
    let samples = addSample([], { at: 100, down: 1, up: 0 }, 10);
    samples = addSample(samples, { at: 105, down: 2, up: 1 }, 10);
    samples = addSample(samples, { at: 111, down: 3, up: 2 }, 10);
    expect(samples.map((s) => s.at)).toEqual([105, 111]);
  });

  it('replaces samples from a later time, e.g. after the clock went back', () => {
    const samples = addSample([{ at: 200, down: 9, up: 9 }], { at: 150, down: 1, up: 1 }, 60);
    expect(samples).toEqual([{ at: 150, down: 1, up: 1 }]);
  });

  it('gives uPlot its columns', () => {
    expect(toColumns([{ at: 1, down: 2, up: 3 }, { at: 2, down: 4, up: 5 }])).toEqual([
      [1, 2],
      [2, 4],
      [3, 5],
    ]);
  });

  it('sums up the current and the peak speeds', () => {
    const summary = summarise([
      { at: 10, down: 5, up: 1 },
      { at: 20, down: 9, up: 0 },
      { at: 40, down: 2, up: 3 },
    ]);
    expect(summary).toEqual({ down: 2, up: 3, peakDown: 9, peakUp: 3, span: 30 });
    expect(summarise([])).toEqual({ down: 0, up: 0, peakDown: 0, peakUp: 0, span: 0 });
  });

  it('spans at least a minute up to the last sample, and ends now before there is one', () => {
    expect(timeAxis(null, null, 1_000_000)).toEqual([1_000_000 - MIN_AXIS_SECONDS, 1_000_000]);
    expect(timeAxis(500, 500, 9_999)).toEqual([500 - MIN_AXIS_SECONDS, 500]);
    expect(timeAxis(100, 400, 9_999)).toEqual([100, 400]);
    expect(timeAxis(Number.NaN, Number.NaN, 2_000)).toEqual([2_000 - MIN_AXIS_SECONDS, 2_000]);
  });
});

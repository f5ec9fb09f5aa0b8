/** Download and upload speed at one moment, for the speed graph. */
export interface SpeedSample {
  /** Seconds since the epoch. */
  at: number;
  down: number;
  up: number;
}

/** How far back the speed graph looks. */
export const SPEED_WINDOW_SECONDS = 5 * 60;

/** The samples with `sample` added and those older than the window dropped. */
export function addSample(samples: readonly SpeedSample[], sample: SpeedSample, windowSeconds = SPEED_WINDOW_SECONDS): SpeedSample[] {
  const since = sample.at - windowSeconds;
  const kept = samples.filter((s) => s.at >= since && s.at < sample.at);
  kept.push(sample);
  return kept;
}

/** uPlot's column data: times, download speeds, upload speeds. */
export function toColumns(samples: readonly SpeedSample[]): [number[], number[], number[]] {
  return [samples.map((s) => s.at), samples.map((s) => s.down), samples.map((s) => s.up)];
}

export interface SpeedSummary {
  down: number;
  up: number;
  peakDown: number;
  peakUp: number;
  /** Seconds covered by the samples. */
  span: number;
}

export function summarise(samples: readonly SpeedSample[]): SpeedSummary {
  const last = samples.at(-1);
  return {
    down: last?.down ?? 0,
    up: last?.up ?? 0,
    peakDown: Math.max(0, ...samples.map((s) => s.down)),
    peakUp: Math.max(0, ...samples.map((s) => s.up)),
    span: last && samples[0] ? last.at - samples[0].at : 0,
  };
}

/** The least time the graph's axis spans, so a first sample or two never make a degenerate axis. */
export const MIN_AXIS_SECONDS = 60;

/**
 * The graph's time axis, in seconds since the epoch: from the first sample
 * (or a minute back) to the last one. Before there is any sample it ends
 * now: uPlot's default for an empty axis is around 0, which the axis
 * labels as the epoch's midnight.
 */
export function timeAxis(first: number | null, last: number | null, now: number): [number, number] {
  const end = last !== null && Number.isFinite(last) ? last : now;
  const start = first !== null && Number.isFinite(first) ? Math.min(first, end - MIN_AXIS_SECONDS) : end - MIN_AXIS_SECONDS;
  return [start, end];
}

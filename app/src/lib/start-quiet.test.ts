import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { holdQuiet, isQuiet, MAX_HOLD_MS, whenQuiet } from './start-quiet';

// Node has no requestIdleCallback: whenIdle falls back to a 50 ms timer.
const IDLE_MS = 50;

describe('whenQuiet', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs at the next idle moment when nothing holds the page', () => {
    const task = vi.fn();
    whenQuiet(task);
    expect(task).not.toHaveBeenCalled();
    vi.advanceTimersByTime(IDLE_MS);
    expect(task).toHaveBeenCalledOnce();
  });

  it('waits for every hold to be released', () => {
    const a = holdQuiet();
    const b = holdQuiet();
    const task = vi.fn();
    whenQuiet(task);
    vi.advanceTimersByTime(1000);
    a();
    a();
    vi.advanceTimersByTime(1000);
    expect(task).not.toHaveBeenCalled();
    expect(isQuiet()).toBe(false);
    b();
    expect(isQuiet()).toBe(true);
    vi.advanceTimersByTime(IDLE_MS);
    expect(task).toHaveBeenCalledOnce();
  });

  it('keeps waiting when a new hold follows a release before the idle moment', () => {
    const page = holdQuiet();
    const task = vi.fn();
    whenQuiet(task);
    page();
    const player = holdQuiet();
    vi.advanceTimersByTime(1000);
    expect(task).not.toHaveBeenCalled();
    player();
    vi.advanceTimersByTime(IDLE_MS);
    expect(task).toHaveBeenCalledOnce();
  });

  it('runs after MAX_HOLD_MS even if the hold is never released', () => {
    const release = holdQuiet();
    const task = vi.fn();
    whenQuiet(task);
    vi.advanceTimersByTime(MAX_HOLD_MS - 1);
    expect(task).not.toHaveBeenCalled();
    vi.advanceTimersByTime(IDLE_MS + 1);
    expect(task).toHaveBeenCalledOnce();
    release();
    vi.advanceTimersByTime(MAX_HOLD_MS);
    expect(task).toHaveBeenCalledOnce();
  });

  it('never runs once cancelled', () => {
    const release = holdQuiet();
    const task = vi.fn();
    const cancel = whenQuiet(task);
    cancel();
    release();
    vi.advanceTimersByTime(MAX_HOLD_MS * 2);
    expect(task).not.toHaveBeenCalled();
  });
});

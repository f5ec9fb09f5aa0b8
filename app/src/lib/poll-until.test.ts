import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pollUntil } from './poll-until';

describe('pollUntil', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('runs at once, then every interval after each run, until a run says done', async () => {
    const answers = [false, false, true];
    const read = vi.fn(() => Promise.resolve(answers.shift() ?? false));
    pollUntil(read, 1000);
    await vi.advanceTimersByTimeAsync(0);
    expect(read).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(999);
    expect(read).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(read).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1000);
    expect(read).toHaveBeenCalledTimes(3);
    await vi.advanceTimersByTimeAsync(10_000);
    expect(read).toHaveBeenCalledTimes(3);
  });

  it('keeps going after a failed run', async () => {
    const read = vi.fn().mockRejectedValueOnce(new Error('storage closed')).mockResolvedValueOnce(true);
    pollUntil(read, 500);
    await vi.advanceTimersByTimeAsync(500);
    expect(read).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(5000);
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('stops when told, even with a run under way', async () => {
    let finish!: (done: boolean) => void;
    const read = vi.fn(() => new Promise<boolean>((resolve) => (finish = resolve)));
    const stop = pollUntil(read, 100);
    stop();
    finish(false);
    await vi.advanceTimersByTimeAsync(1000);
    expect(read).toHaveBeenCalledTimes(1);
  });

  it('never starts a run before the last one settled', async () => {
    let running = 0;
    let most = 0;
    const read = vi.fn(async () => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 250));
      running--;
      return false;
    });
    const stop = pollUntil(read, 100);
    await vi.advanceTimersByTimeAsync(2000);
    stop();
    expect(most).toBe(1);
    expect(read.mock.calls.length).toBeGreaterThanOrEqual(5);
  });
});

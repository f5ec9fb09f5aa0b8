import { afterEach, describe, expect, it, vi } from 'vitest';
import { HOST_CANDIDATES_QUIET_MS, hostGatheringSettler } from './ice-gathering';

afterEach(() => vi.useRealTimers());

describe('hostGatheringSettler', () => {
  it('completes once host candidates stop coming, and swallows the late real end', () => {
    vi.useFakeTimers();
    const complete = vi.fn();
    const settle = hostGatheringSettler(complete);
    expect(settle(true)).toBe(false);
    vi.advanceTimersByTime(HOST_CANDIDATES_QUIET_MS - 1);
    expect(settle(true)).toBe(false);
    vi.advanceTimersByTime(HOST_CANDIDATES_QUIET_MS - 1);
    expect(complete).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(complete).toHaveBeenCalledOnce();
    // Chromium's own end of gathering comes later: already accounted for.
    expect(settle(false)).toBe(true);
  });

  it('lets a real end of gathering before the quiet time through, and then completes nothing more', () => {
    vi.useFakeTimers();
    const complete = vi.fn();
    const settle = hostGatheringSettler(complete);
    settle(true);
    expect(settle(false)).toBe(false);
    vi.advanceTimersByTime(HOST_CANDIDATES_QUIET_MS * 2);
    expect(complete).not.toHaveBeenCalled();
  });
});

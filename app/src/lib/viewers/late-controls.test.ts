import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CONTROLS_WAIT_MS, controlsAfterFirstFrame } from './late-controls';

/** The parts of a video the function uses, with a frame callback the test presents by hand. */
function fakeVideo(controls = false) {
  let callback: (() => void) | null = null;
  const video = {
    controls,
    requestVideoFrameCallback: vi.fn((cb: () => void) => {
      callback = cb;
      return 7;
    }),
    cancelVideoFrameCallback: vi.fn(() => {
      callback = null;
    }),
    addEventListener: vi.fn(),
    removeEventListener: vi.fn(),
  };
  return { video, present: () => callback?.(), asElement: video as unknown as HTMLVideoElement };
}

describe('controlsAfterFirstFrame', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('turns the controls on when the first frame is presented', () => {
    const { video, present, asElement } = fakeVideo();
    controlsAfterFirstFrame(asElement);
    expect(video.controls).toBe(false);
    present();
    expect(video.controls).toBe(true);
    vi.advanceTimersByTime(CONTROLS_WAIT_MS);
    expect(video.controls).toBe(true);
  });

  it('turns them on after the wait when no frame comes', () => {
    const { video, asElement } = fakeVideo();
    controlsAfterFirstFrame(asElement);
    vi.advanceTimersByTime(CONTROLS_WAIT_MS - 1);
    expect(video.controls).toBe(false);
    vi.advanceTimersByTime(1);
    expect(video.controls).toBe(true);
    expect(video.cancelVideoFrameCallback).toHaveBeenCalledWith(7);
  });

  it('does nothing once cancelled', () => {
    const { video, present, asElement } = fakeVideo();
    const cancel = controlsAfterFirstFrame(asElement);
    cancel();
    present();
    vi.advanceTimersByTime(CONTROLS_WAIT_MS);
    expect(video.controls).toBe(false);
  });

  it('leaves a video that has its controls alone', () => {
    const { video, asElement } = fakeVideo(true);
    controlsAfterFirstFrame(asElement);
    expect(video.requestVideoFrameCallback).not.toHaveBeenCalled();
  });
});

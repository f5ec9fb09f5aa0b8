/** The longest the controls wait for a first frame: a video that stalls still gets its controls (and their spinner). */
export const CONTROLS_WAIT_MS = 1000;

/**
 * Turns on a video's native controls once its first frame is on screen, or
 * after CONTROLS_WAIT_MS. Chromium builds the controls on their first render:
 * a style and layout pass over their shadow tree and a dozen SVG images, each
 * its own document (traced at the start of an /add: 42 and 80 ms main-thread
 * tasks between the player's mount and the first frame, while the media
 * element's bytes wait for that thread). Returns a cancel.
 */
export function controlsAfterFirstFrame(video: HTMLVideoElement, waitMs = CONTROLS_WAIT_MS): () => void {
  if (video.controls) return () => {};
  let pending = true;
  let frame: number | undefined;
  const show = (): void => {
    if (!pending) return;
    cancel();
    video.controls = true;
  };
  const cancel = (): void => {
    pending = false;
    clearTimeout(timer);
    if (frame !== undefined) video.cancelVideoFrameCallback(frame);
    video.removeEventListener('loadeddata', show);
  };
  const timer = setTimeout(show, waitMs);
  // Not before a frame is presented: a frame decoded while the video was in <head> (index.html) was never seen.
  if ('requestVideoFrameCallback' in video) frame = video.requestVideoFrameCallback(show);
  else (video as HTMLVideoElement).addEventListener('loadeddata', show);
  return cancel;
}

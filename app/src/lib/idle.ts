/**
 * Runs `task` once the main thread is idle, or after `timeoutMs` at the
 * latest, so what can wait (a QR code, a chart) doesn't hold up a page's
 * first paint or a video's first frame. Returns a cancel for effects.
 */
export function whenIdle(task: () => void, timeoutMs = 2000): () => void {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(task, { timeout: timeoutMs });
    return () => cancelIdleCallback(id);
  }
  const id = setTimeout(task, 50);
  return () => clearTimeout(id);
}

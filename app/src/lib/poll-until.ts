/**
 * Runs `read` now, then again `everyMs` after each run settles, until a run
 * resolves true or the returned stop is called. A run that fails counts as
 * not done. Runs never overlap, however slow storage is.
 */
export function pollUntil(read: () => Promise<boolean>, everyMs: number): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const run = async (): Promise<void> => {
    const done = await read().catch(() => false);
    if (!stopped && !done) timer = setTimeout(() => void run(), everyMs);
  };
  void run();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

import type { ByteRange } from '../../shared/range';

/**
 * A read that brings no byte for this long is given up (the request is
 * aborted): the bridge waits for pieces its swarm is slow to give, but a
 * connection left half-open (e.g. the server restarted) would otherwise
 * hold its pieces forever.
 */
export const STALL_MS = 30_000;

/**
 * The body of a GET for torrent bytes `range`, chunk by chunk as they arrive.
 * Throws unless the answer is exactly that range (206 with its Content-Range);
 * aborts the request when `signal` does, when a read stalls, or when the
 * caller stops iterating.
 */
export async function* rangeBody(url: string, range: ByteRange, signal: AbortSignal): AsyncGenerator<Uint8Array<ArrayBuffer>> {
  const stall = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Only time spent waiting on the network counts, not the caller's work between chunks.
  const arm = (): void => {
    clearTimeout(timer);
    timer = setTimeout(() => stall.abort(new Error(`no data for ${STALL_MS / 1000} s`)), STALL_MS);
  };
  const { start, end } = range;
  try {
    arm();
    const res = await fetch(url, {
      headers: { Range: `bytes=${start}-${end}` },
      signal: AbortSignal.any([signal, stall.signal]),
      cache: 'no-store',
    });
    const contentRange = res.headers.get('Content-Range') ?? '';
    if (res.status !== 206 || !res.body || !contentRange.startsWith(`bytes ${start}-${end}/`)) {
      await res.body?.cancel();
      throw new Error(`the server answered ${res.status} ${res.statusText} for bytes ${start}-${end}`);
    }
    const reader = res.body.getReader();
    try {
      for (;;) {
        arm();
        const step = await reader.read();
        clearTimeout(timer);
        if (step.done) return;
        yield step.value;
      }
    } finally {
      // Ends the request if the caller stopped early; a no-op after the body ended.
      await reader.cancel().catch(() => {});
    }
  } finally {
    clearTimeout(timer);
  }
}

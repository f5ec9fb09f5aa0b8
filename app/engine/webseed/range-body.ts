import type { ByteRange } from '../../shared/range';
import { bodyFiller, type BodyFiller } from './body-filler';

/**
 * A read that brings no byte for this long is given up (the request is
 * aborted): the bridge waits for pieces its swarm is slow to give, but a
 * connection left half-open (e.g. the server restarted) would otherwise
 * hold its pieces forever.
 */
export const STALL_MS = 30_000;

/**
 * The body of a GET for torrent bytes `range`, to fill piece buffers from
 * (body-filler.ts). Throws unless the answer is exactly that range (206 with
 * its Content-Range). The request is aborted when `signal` is, when a read
 * stalls, or on cancel(); only time spent waiting on the network counts
 * towards a stall, not the caller's work between reads.
 */
export async function openRangeBody(url: string, range: ByteRange, signal: AbortSignal): Promise<BodyFiller> {
  const stall = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const watch = async <T>(read: Promise<T>): Promise<T> => {
    timer = setTimeout(() => stall.abort(new Error(`no data for ${STALL_MS / 1000} s`)), STALL_MS);
    try {
      return await read;
    } finally {
      clearTimeout(timer);
    }
  };
  const { start, end } = range;
  const res = await watch(
    fetch(url, {
      headers: { Range: `bytes=${start}-${end}` },
      signal: AbortSignal.any([signal, stall.signal]),
      cache: 'no-store',
    }),
  );
  const contentRange = res.headers.get('Content-Range') ?? '';
  if (res.status !== 206 || !res.body || !contentRange.startsWith(`bytes ${start}-${end}/`)) {
    await res.body?.cancel();
    throw new Error(`the server answered ${res.status} ${res.statusText} for bytes ${start}-${end}`);
  }
  return bodyFiller(res.body, watch);
}

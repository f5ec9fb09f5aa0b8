import type { ByteRange } from '../../shared/range';
import { bodyFiller, type BodyFiller } from './body-filler';

/**
 * A read that brings no byte for this long is given up (the request is
 * aborted): the bridge waits for pieces its swarm is slow to give, but a
 * connection left half-open (e.g. the server restarted) would otherwise
 * hold its pieces forever.
 */
export const STALL_MS = 30_000;
/** Bytes per ms (kB/s) a whole range may come at before it is given up. */
const WHOLE_MIN_RATE = 64;

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
  return bodyFiller(await rangeBody(res, range), watch);
}

/**
 * The whole answer to a GET for torrent bytes `range`, as a Blob: in a
 * browser its bytes stay with the network and storage code (webseed-fetcher.ts).
 * Given up when `signal` aborts, or when the answer takes longer than at
 * WHOLE_MIN_RATE (STALL_MS at least).
 */
export async function fetchRangeBlob(url: string, range: ByteRange, signal: AbortSignal): Promise<Blob> {
  const { start, end } = range;
  const bytes = end - start + 1;
  const ms = Math.max(STALL_MS, bytes / WHOLE_MIN_RATE);
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(new Error(`bytes ${start}-${end} did not come within ${Math.round(ms / 1000)} s`)), ms);
  try {
    const res = await fetch(url, { headers: { Range: `bytes=${start}-${end}` }, signal: AbortSignal.any([signal, timeout.signal]), cache: 'no-store' });
    await rangeBody(res, range);
    const blob = await res.blob();
    if (blob.size !== bytes) throw new Error(`the server sent ${blob.size} bytes for bytes ${start}-${end}`);
    return blob;
  } finally {
    clearTimeout(timer);
  }
}

/** The body of a 206 answer with exactly `range`; anything else throws. */
async function rangeBody(res: Response, { start, end }: ByteRange): Promise<ReadableStream<Uint8Array>> {
  const contentRange = res.headers.get('Content-Range') ?? '';
  if (res.status !== 206 || !res.body || !contentRange.startsWith(`bytes ${start}-${end}/`)) {
    await res.body?.cancel();
    throw new Error(`the server answered ${res.status} ${res.statusText} for bytes ${start}-${end}`);
  }
  return res.body;
}

import { piecesForBytes } from '../app/shared/pieces';
import { getRecord } from '../app/shared/records';
import type { StreamTarget } from '../app/shared/stream-url';
import { readStoredRun, runEnd } from './stored-run';

/**
 * How long a warmed run waits for its request. The media element asks
 * ~100 ms after the navigation; a tab that never does must not pin the
 * run (at most RUN_BYTES, stored-run.ts) in memory.
 */
const KEEP_MS = 5000;

interface WarmStart extends StreamTarget {
  /** The file's first stored run; empty if nothing is stored or the read failed. */
  run: Promise<ArrayBuffer[]>;
}

/** One at a time: the last play link navigated to. */
let warm: WarmStart | null = null;

/**
 * Reads the first stored pieces of a file while the service worker answers
 * the navigation to its play link (/t/<ih>?play=<n>), so the media element's
 * first request, which comes once the page has started its player, finds
 * them in memory instead of waiting on IndexedDB. Settles when the read does.
 */
export async function warmFileStart(target: StreamTarget): Promise<void> {
  const entry: WarmStart = { ...target, run: readFileStart(target).catch(() => []) };
  warm = entry;
  setTimeout(() => {
    if (warm === entry) warm = null;
  }, KEEP_MS);
  await entry.run;
}

async function readFileStart({ infoHash, fileIndex }: StreamTarget): Promise<ArrayBuffer[]> {
  const meta = (await getRecord(infoHash))?.meta;
  const file = meta?.files[fileIndex];
  if (!meta || !file || file.length === 0) return [];
  const { first, last } = piecesForBytes(meta, file.offset, file.offset + file.length - 1);
  return readStoredRun(infoHash, first, runEnd(first, last, meta.pieceLength));
}

/**
 * The warmed run of `target`'s first pieces, at most `count` of them, or
 * null if none is warm for that file. Taken once: later requests read
 * IndexedDB as usual. Call only for a request that starts in the file's
 * first piece, where the warmed run starts.
 */
export async function takeWarmStart(target: StreamTarget, count: number): Promise<ArrayBuffer[] | null> {
  if (!warm || warm.infoHash !== target.infoHash || warm.fileIndex !== target.fileIndex) return null;
  const { run } = warm;
  warm = null;
  const pieces = (await run).slice(0, count);
  return pieces.length > 0 ? pieces : null;
}

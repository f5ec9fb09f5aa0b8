import { mainMediaFile } from '../app/shared/main-file';
import { piecesForBytes } from '../app/shared/pieces';
import type { LikelyPlayed } from '../app/shared/play-link';
import { getRecord } from '../app/shared/records';
import type { StreamTarget } from '../app/shared/stream-url';
import { readStoredRun, runEnd } from './stored-run';

/**
 * How long a warmed run waits for its request. The media element asks
 * ~100 ms after the navigation; a tab that never does must not pin the
 * run (at most RUN_BYTES, piece-runs.ts) in memory.
 */
const KEEP_MS = 5000;

interface WarmRun {
  fileIndex: number;
  /** The file's first stored run; empty if nothing is stored. */
  pieces: Uint8Array<ArrayBuffer>[];
}

interface WarmStart {
  infoHash: string;
  /** Null when there is no such file (or no main one) or the read failed. */
  run: Promise<WarmRun | null>;
}

/** One at a time: the last torrent page navigated to. */
let warm: WarmStart | null = null;

/**
 * Reads the first stored pieces of the file a torrent page will likely play
 * (play-link.ts) while the service worker answers the navigation to it, so
 * the media element's first request, which comes once the page has started
 * its player, finds them in memory instead of waiting on IndexedDB. Settles
 * when the read does.
 */
export async function warmFileStart(target: LikelyPlayed): Promise<void> {
  const entry: WarmStart = { infoHash: target.infoHash, run: readFileStart(target).catch(() => null) };
  warm = entry;
  setTimeout(() => {
    if (warm === entry) warm = null;
  }, KEEP_MS);
  await entry.run;
}

async function readFileStart({ infoHash, fileIndex }: LikelyPlayed): Promise<WarmRun | null> {
  const meta = (await getRecord(infoHash))?.meta;
  if (!meta) return null;
  const index = fileIndex === 'main' ? mainMediaFile(meta.files) : fileIndex;
  const file = index === null ? undefined : meta.files[index];
  if (index === null || !file || file.length === 0) return null;
  const { first, last } = piecesForBytes(meta, file.offset, file.offset + file.length - 1);
  return { fileIndex: index, pieces: await readStoredRun(infoHash, first, runEnd(first, last, meta.pieceLength)) };
}

/**
 * The warmed run of `target`'s first pieces, at most `count` of them, or
 * null if none is warm for that file. Taken once: later requests read
 * IndexedDB as usual. Call only for a request that starts in the file's
 * first piece, where the warmed run starts.
 */
export async function takeWarmStart(target: StreamTarget, count: number): Promise<Uint8Array<ArrayBuffer>[] | null> {
  const entry = warm;
  if (!entry || entry.infoHash !== target.infoHash) return null;
  const run = await entry.run;
  // Another file's request leaves it for this file's; a second request for the file finds it taken.
  if (!run || run.fileIndex !== target.fileIndex || warm !== entry) return null;
  warm = null;
  const pieces = run.pieces.slice(0, count);
  return pieces.length > 0 ? pieces : null;
}

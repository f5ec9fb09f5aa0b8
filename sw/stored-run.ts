import { runPieces } from '../app/shared/piece-runs';

export { readStoredRun } from '../app/shared/records';

/**
 * The last piece of the run that starts at `from`: at least one piece, never
 * past `last`. A read takes what one stored run record holds: torrents of a
 * few tens of MB have 16-32 KiB pieces, and one read per piece made the first
 * frame wait on a dozen sequential reads.
 */
export function runEnd(from: number, last: number, pieceLength: number): number {
  return Math.min(last, from + runPieces(pieceLength) - 1);
}

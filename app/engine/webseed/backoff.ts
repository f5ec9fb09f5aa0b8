const FIRST_MS = 500;
const MAX_MS = 10_000;

/**
 * How long to wait after `failures` failed requests in a row: the bridge
 * answers 404 until it has joined the torrent and 504 while the metadata is
 * slow, so retries start soon and then space out.
 */
export function backoffMs(failures: number): number {
  if (failures <= 0) return 0;
  return Math.min(MAX_MS, FIRST_MS * 2 ** (failures - 1));
}

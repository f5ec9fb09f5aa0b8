import { parseInfoHash } from '../../app/shared/input.ts';
import type { Bridge, BridgeEntry } from '../bridge/bridge.ts';
import { BridgeError } from '../bridge/bridge-error.ts';
import type { WebTorrentTorrent } from '../vendor/webtorrent.ts';

/** How long a stream request waits for a just-added magnet's metadata. */
export const METADATA_WAIT_MS = 30_000;

/** The bridge's entry for a URL's info hash; 400 when malformed, 404 when unknown. */
export function entryFor(bridge: Bridge, rawInfoHash: string): BridgeEntry {
  const infoHash = parseInfoHash(rawInfoHash);
  const entry = bridge.get(infoHash);
  if (!entry) {
    throw new BridgeError(
      404,
      `This server is not streaming torrent ${infoHash}. Add it first: POST /api/torrents with ` +
        `{"uri": "magnet:?xt=urn:btih:${infoHash}"} (or open the link in the app, which plays it from the browser).`,
    );
  }
  return entry;
}

/** The entry's torrent once it has metadata; 409 if it failed, 504 if metadata is slow. */
export async function readyTorrent(bridge: Bridge, entry: BridgeEntry): Promise<WebTorrentTorrent> {
  if (entry.error !== null) throw new BridgeError(409, `The server could not use this torrent: ${entry.error}`);
  return bridge.whenReady(entry, METADATA_WAIT_MS);
}

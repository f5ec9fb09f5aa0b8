import { decode } from 'magnet-uri';
import { parseTorrentInput } from './input';

/**
 * Whether a magnet's swarm is likely reached over TCP/uTP, i.e. through the
 * bridge: a tracker other than a WebSocket one, or none at all (DHT only).
 * The engine brings the bridge in at once for these, and the server starts
 * joining them as soon as the app's /add page is asked for.
 */
export function likelyTcpSwarm(magnetURI: string): boolean {
  let trackers: string[];
  try {
    trackers = decode(magnetURI).announce;
  } catch {
    return true;
  }
  return trackers.length === 0 || trackers.some((tracker) => !/^wss?:\/\//i.test(tracker));
}

/**
 * Whether the page makes WebRTC offers for a link being added (/add?uri=)
 * before its first announce. Not for a magnet or info hash whose swarm is
 * likely TCP: the bridge feeds it, and the offers' peer connections took
 * CPU from the start (bench/profile-bridge.ts, warm bridge, 6 interleaved
 * runs: 94 -> 100 MB/s, first piece stored 1127 -> 1058 ms); bittorrent-tracker
 * makes them at the announce instead. A .torrent URL's trackers are not
 * known yet, so it gets them; input that adds nothing gets none.
 */
export function offersAhead(uri: string): boolean {
  try {
    const input = parseTorrentInput(uri);
    return input.kind === 'url' || !likelyTcpSwarm(input.magnetURI);
  } catch {
    return false;
  }
}

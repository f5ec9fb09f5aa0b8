import { decode } from 'magnet-uri';

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

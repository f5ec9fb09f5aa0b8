/**
 * When the bridge is worth it. It reaches TCP/uTP swarms; for a torrent whose
 * only trackers are WebRTC ones it can reach the same browser peers, but only
 * through Node's slow WebRTC, and a web seed waiting on it holds pieces back
 * from faster peers. So it is used at once only where a TCP swarm is likely
 * (shared/tcp-swarm.ts), and otherwise only when WebRTC peers have not
 * helped after a grace period.
 */

/** How long WebRTC peers get to send metadata and connect before the bridge is tried. */
export const BRIDGE_GRACE_MS = 5000;

/** How long a new magnet's start waits for a bridge that may already hold the torrent. */
export const BRIDGE_FIRST_MS = 1000;

/** After the grace period: did WebRTC peers fail this torrent? */
export function webRtcFailed(torrent: { metadata: unknown; numPeers: number; done: boolean }): boolean {
  return !torrent.done && (!torrent.metadata || torrent.numPeers === 0);
}

import type { WtTorrent, WtWire } from './webtorrent';

/** First re-announce after the last peer left; it doubles while the torrent stays peerless. */
export const FIRST_REANNOUNCE_MS = 2_000;
export const MAX_REANNOUNCE_MS = 60_000;

/** The parts of webtorrent's torrent this reads. */
export interface PeerlessTorrent extends Pick<WtTorrent, 'done' | 'destroyed' | 'numPeers' | 'discovery'> {
  on(event: 'wire', fn: (wire: Pick<WtWire, 'type' | 'once'>) => void): unknown;
  once(event: 'close', fn: () => void): unknown;
}

/**
 * When an unfinished torrent loses its last peer, asks its trackers for
 * peers again soon, instead of at the trackers' interval (10 minutes on
 * ours): a WebRTC connection that drops is otherwise not made again for that
 * long, and the download stalls with pieces still missing.
 */
export function reannounceWhenPeerless(torrent: PeerlessTorrent): void {
  let delay = FIRST_REANNOUNCE_MS;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const check = (): void => {
    timer = null;
    if (torrent.destroyed || torrent.done || torrent.numPeers > 0) return;
    torrent.discovery?.tracker?.update();
    delay = Math.min(delay * 2, MAX_REANNOUNCE_MS);
    timer = setTimeout(check, delay);
  };
  torrent.on('wire', (wire) => {
    // Web seeds are not found through trackers.
    if (wire.type === 'webSeed') return;
    delay = FIRST_REANNOUNCE_MS;
    wire.once('close', () => {
      timer ??= setTimeout(check, delay);
    });
  });
  torrent.once('close', () => {
    if (timer) clearTimeout(timer);
    timer = null;
  });
}

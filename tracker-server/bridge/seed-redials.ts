import type { WebTorrentTorrent } from '../vendor/webtorrent.ts';

/**
 * Whether a complete torrent should dial `addr` again. A seed has nothing
 * to give a complete torrent and wants nothing from it.
 */
export function shouldRedial(torrentDone: boolean, knownSeeds: ReadonlySet<string>, addr: string): boolean {
  return !(torrentDone && knownSeeds.has(addr));
}

/**
 * Stops a complete torrent from redialling seeds. aria2 and libtorrent
 * close a seed-to-seed connection right after the handshake; webtorrent
 * counts the handshake as a dial that worked, so it redialled 1 s after
 * every close, for as long as the bridge kept the torrent: measured against
 * aria2c, a TCP connection and an MSE key exchange every ~2 s per seed.
 */
export function skipSeedRedials(torrent: WebTorrentTorrent): void {
  const seeds = new Set<string>();
  torrent.on('wire', (wire, addr) => {
    if (!addr) return;
    // Whether it said so in a bitfield, a have-all or its last HAVE.
    wire.once('close', () => {
      if (wire.isSeeder) seeds.add(addr);
      else seeds.delete(addr);
    });
  });
  const addPeer = torrent._addPeer.bind(torrent);
  torrent._addPeer = (peer, type, source) => {
    if (typeof peer === 'string' && !shouldRedial(torrent.done, seeds, peer)) return null;
    return addPeer(peer, type, source);
  };
}

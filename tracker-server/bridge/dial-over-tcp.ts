import type { WebTorrentTorrent } from '../vendor/webtorrent.ts';

/**
 * webtorrent 3.0.21 with uTP on dials every IPv4 peer over uTP and turns to
 * TCP only after three failed retries, each a 5 s connect timeout plus 1, 5
 * and 15 s waits: a TCP-only peer such as aria2 is first reached after about
 * 40 s. This makes the torrent dial over TCP, which nearly every client
 * accepts; the client still takes incoming uTP connections.
 */
export function dialOverTcp(torrent: WebTorrentTorrent): void {
  const addPeer = torrent._addPeer.bind(torrent);
  torrent._addPeer = (peer, type, source) => addPeer(peer, typeof peer === 'string' ? 'tcp' : type, source);
}

import net from 'node:net';
import type { WebTorrentTorrent } from '../vendor/webtorrent.ts';

export type Transport = 'tcp' | 'utp';

/**
 * Which transport the `attempt`th dial (from 0) of a peer uses: the one that
 * last reached its handshake, else TCP and uTP in turn. webtorrent 3.0.21
 * with uTP on dials every IPv4 peer over uTP and turns to TCP only after
 * three failed retries (5 s connect timeouts plus 1, 5 and 15 s waits), so a
 * TCP-only peer such as aria2 was first reached after about 40 s; with uTP
 * off, a peer that takes only uTP (libtorrent set so, or behind a NAT that
 * passes only UDP) is never reached. TCP first, uTP one retry (1 s) later,
 * reaches both. uTP is IPv4-only in webtorrent.
 */
export function dialTransport(attempt: number, host: string, worked: Transport | undefined): Transport {
  if (!net.isIPv4(host)) return 'tcp';
  return worked ?? (attempt % 2 === 0 ? 'tcp' : 'utp');
}

/** `ip:port` → ip, also for `[v6]:port`. */
function hostOf(addr: string): string {
  return addr.slice(0, addr.lastIndexOf(':')).replace(/^\[|\]$/g, '');
}

/** Applies `dialTransport` to every outgoing connection `torrent` makes. */
export function dialTcpThenUtp(torrent: WebTorrentTorrent): void {
  const attempts = new Map<string, number>();
  const worked = new Map<string, Transport>();
  torrent.on('wire', (wire, addr) => {
    if (addr && wire.type === 'tcpOutgoing') worked.set(addr, 'tcp');
    if (addr && wire.type === 'utpOutgoing') worked.set(addr, 'utp');
  });
  const addPeer = torrent._addPeer.bind(torrent);
  torrent._addPeer = (peer, type, source) => {
    if (typeof peer !== 'string') return addPeer(peer, type, source);
    const attempt = attempts.get(peer) ?? 0;
    const added = addPeer(peer, dialTransport(attempt, hostOf(peer), worked.get(peer)), source);
    // Not a dial when refused, e.g. as a duplicate of a peer already connected.
    if (added) attempts.set(peer, attempt + 1);
    return added;
  };
}

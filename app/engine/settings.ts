import type { EngineSettings } from '../shared/engine-api';
import type { WtClient, WtTorrent } from './webtorrent';

/** webtorrent 3.0.21's limits (index.js, lib/torrent.js), typed next to their only user. */
interface WtLimits {
  /** Read by each torrent's _drain() before it connects another peer. */
  maxConns: number;
  /** Bytes per second; -1 turns the limit off. */
  throttleDownload(rate: number): unknown;
  throttleUpload(rate: number): unknown;
}

interface WtPeers {
  /** Connects queued peers up to maxConns. */
  _drain(): void;
}

/** Applies the speed limits and the connection cap to the client and its running torrents. */
export function applyLimits(client: WtClient, settings: EngineSettings): void {
  const limited = client as WtClient & WtLimits;
  limited.throttleDownload(settings.downloadLimit ?? -1);
  limited.throttleUpload(settings.uploadLimit ?? -1);
  limited.maxConns = settings.maxConnections;
  // A raised cap only takes effect when a torrent next looks for peers: have them look now.
  for (const torrent of client.torrents) {
    if (!torrent.destroyed && torrent.ready) (torrent as WtTorrent & WtPeers)._drain();
  }
}

interface WtWireEvents {
  on(event: 'wire', fn: (wire: { type: string; destroy(): void }) => void): unknown;
  wires: { type: string }[];
}

/**
 * Keeps a torrent's peer connections to at most `max()`. In a browser
 * webtorrent's own cap (maxConns) only holds back TCP dials, which workers
 * cannot make; WebRTC peers from the tracker are let in without it.
 */
export function capConnections(torrent: WtTorrent, max: () => number): void {
  const events = torrent as WtTorrent & WtWireEvents;
  events.on('wire', (wire) => {
    if (wire.type === 'webSeed') return;
    const peers = events.wires.filter((w) => w.type !== 'webSeed').length;
    // After webtorrent has finished taking the wire in, or its setup would run on a closed one.
    if (peers > max()) setTimeout(() => wire.destroy(), 0);
  });
}

import { describe, expect, it } from 'vitest';
import type { WebTorrentTorrent } from '../vendor/webtorrent.ts';
import type { BridgeEntry } from './bridge.ts';
import { torrentSummary } from './torrent-status.ts';

const entry = (progress: number): BridgeEntry => ({
    infoHash: 'e'.repeat(40),
    nameHint: null,
    addedAt: 0,
    torrent: {
      metadata: new Uint8Array(1),
      destroyed: false,
      ready: true,
      name: 'film.mp4',
      length: 100,
      progress,
      downloadSpeed: 5_000_000.4,
      uploadSpeed: 2_000.6,
      numPeers: 3,
    } as unknown as WebTorrentTorrent,
    error: null,
    lastAccess: 0,
    accessOrder: 0,
    readers: 0,
    ready: new Promise(() => {}),
});

describe('torrentSummary', () => {
  it('reports the download speed while the server fetches', () => {
    expect(torrentSummary(entry(0.5))).toMatchObject({ progress: 0.5, downloadSpeed: 5_000_000, uploadSpeed: 2_001, numPeers: 3 });
  });

  it('reports no download speed once it holds the whole torrent, though the 5 s average has not decayed yet', () => {
    expect(torrentSummary(entry(1))).toMatchObject({ progress: 1, downloadSpeed: 0, uploadSpeed: 2_001 });
  });
});

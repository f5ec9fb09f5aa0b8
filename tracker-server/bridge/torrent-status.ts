import { mimeTypeFor } from '../../app/shared/mime.ts';
import { streamPath } from '../../app/shared/stream-url.ts';
import type { BridgeEntry } from './bridge.ts';

export interface TorrentSummary {
  infoHash: string;
  /** Null until the metadata (or a magnet's dn=) names it. */
  name: string | null;
  /** Total bytes; null until there is metadata. */
  length: number | null;
  /** 0..1 of the whole torrent held by the server. */
  progress: number;
  /** Bytes per second; 0 once the server holds the whole torrent. */
  downloadSpeed: number;
  uploadSpeed: number;
  numPeers: number;
  /** True once the metadata is in and files can be streamed. */
  ready: boolean;
  /** Why the server gave up on this torrent, or null. */
  error: string | null;
}

export interface TorrentFileStatus {
  index: number;
  name: string;
  /** Path inside the torrent, starting with the torrent's name for multi-file torrents. */
  path: string;
  length: number;
  progress: number;
  mimeType: string;
  /** Server-relative URL that streams this file (also answered by the app's service worker). */
  streamPath: string;
}

export interface TorrentStatus extends TorrentSummary {
  /** Empty until there is metadata. */
  files: TorrentFileStatus[];
  /** Server-relative BEP19 web seed URL for this torrent (see routes/webseed.ts). */
  webSeedPath: string;
}

export function torrentSummary(entry: BridgeEntry): TorrentSummary {
  const t = entry.torrent;
  const hasMetadata = t !== null && t.metadata instanceof Uint8Array && !t.destroyed;
  return {
    infoHash: entry.infoHash,
    name: (hasMetadata ? t.name : undefined) ?? entry.nameHint,
    length: hasMetadata ? (t.length ?? null) : null,
    progress: hasMetadata ? round(t.progress) : 0,
    // webtorrent's speed is a 5 s average: a torrent held whole would show its last seconds' rate.
    downloadSpeed: t && !(hasMetadata && t.progress === 1) ? Math.round(t.downloadSpeed) : 0,
    uploadSpeed: t ? Math.round(t.uploadSpeed) : 0,
    numPeers: t ? t.numPeers : 0,
    ready: t?.ready === true && !t.destroyed,
    error: entry.error,
  };
}

export function torrentStatus(entry: BridgeEntry): TorrentStatus {
  const summary = torrentSummary(entry);
  const t = entry.torrent;
  const files =
    t && summary.length !== null
      ? t.files.map((f, index) => ({
          index,
          name: f.name,
          path: f.path,
          length: f.length,
          progress: round(f.progress),
          mimeType: mimeTypeFor(f.name),
          streamPath: streamPath(entry.infoHash, { index, name: f.name }),
        }))
      : [];
  return { ...summary, files, webSeedPath: `/webseed/${entry.infoHash}` };
}

/** Enough digits for a progress bar, few enough to keep event payloads small. */
function round(fraction: number): number {
  return Math.min(1, Math.max(0, Math.round(fraction * 10_000) / 10_000));
}

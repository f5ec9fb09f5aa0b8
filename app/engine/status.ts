import type { FileStatus, TorrentState, TorrentStatus } from '../shared/engine-api';
import type { TorrentMeta, TorrentRecord } from '../shared/db';
import { mimeTypeFor } from '../shared/mime';
import type { WtTorrent } from './webtorrent';

/** The metadata kept in IndexedDB, read off a torrent that has its info dictionary. */
export function metaOf(torrent: WtTorrent): TorrentMeta {
  return {
    name: torrent.name ?? torrent.infoHash,
    length: torrent.length,
    pieceLength: torrent.pieceLength,
    lastPieceLength: torrent.lastPieceLength,
    pieceCount: torrent.pieces.length,
    files: torrent.files.map((file, index) => ({
      index,
      name: file.name,
      path: file.path,
      length: file.length,
      offset: file.offset,
      mimeType: mimeTypeFor(file.name),
    })),
    torrentFile: torrent.torrentFile.slice().buffer,
  };
}

function stateOf(record: TorrentRecord, torrent: WtTorrent | undefined, error: string | null): TorrentState {
  if (record.paused && error === null) return 'paused';
  if (error !== null || !torrent) return 'error';
  if (!torrent.metadata) return 'metadata';
  if (!torrent.ready) return 'checking';
  return torrent.done ? 'seeding' : 'downloading';
}

function etaOf(torrent: WtTorrent): number | null {
  if (torrent.done || !torrent.metadata || torrent.downloadSpeed <= 0) return null;
  return Math.max(0, torrent.length - torrent.downloaded) / torrent.downloadSpeed;
}

/** What the page shows for one torrent. `torrent` is undefined when it stopped on an error. */
export function statusOf(record: TorrentRecord, torrent: WtTorrent | undefined, error: string | null): TorrentStatus {
  const live = torrent && !torrent.destroyed ? torrent : undefined;
  const files: FileStatus[] = (record.meta?.files ?? []).map((file) => ({
    index: file.index,
    name: file.name,
    path: file.path,
    length: file.length,
    mimeType: file.mimeType,
    progress: live?.files[file.index]?.progress ?? 0,
  }));
  return {
    infoHash: record.infoHash,
    name: record.meta?.name ?? record.displayName,
    magnetURI: record.magnetURI,
    length: record.meta?.length ?? null,
    state: stateOf(record, live, error),
    progress: live?.progress ?? 0,
    downloaded: live?.downloaded ?? 0,
    uploaded: live?.uploaded ?? 0,
    downloadSpeed: live?.downloadSpeed ?? 0,
    uploadSpeed: live?.uploadSpeed ?? 0,
    numPeers: live?.numPeers ?? 0,
    eta: live ? etaOf(live) : null,
    ratio: live && live.downloaded > 0 ? live.uploaded / live.downloaded : null,
    error: error ?? (live || record.paused ? null : 'Stopped.'),
    files,
    addedAt: record.addedAt,
  };
}

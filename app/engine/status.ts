import type { FileStatus, TorrentState, TorrentStatus } from '../shared/engine-api';
import type { TorrentMeta, TorrentRecord } from '../shared/db';
import { mimeTypeFor } from '../shared/mime';
import { priorityOf } from './file-priority';
import { lifetimeTotals, ratioOf } from './lifetime-totals';
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

/** Bytes of the files the user wants (not skipped), and how many of them are stored. */
export interface Wanted {
  length: number;
  stored: number;
  /** False when some file is skipped: then only `length` bytes are ever fetched. */
  all: boolean;
}

export function wantedOf(files: readonly Pick<FileStatus, 'length' | 'progress' | 'priority'>[]): Wanted {
  const wanted = files.filter((file) => file.priority !== 'skip');
  return {
    length: wanted.reduce((sum, file) => sum + file.length, 0),
    stored: wanted.reduce((sum, file) => sum + file.length * file.progress, 0),
    all: wanted.length === files.length,
  };
}

/** Done once every wanted byte is stored: a torrent with skipped files then seeds what it has. */
function isDone(torrent: WtTorrent, wanted: Wanted): boolean {
  return torrent.done || (!wanted.all && wanted.stored >= wanted.length);
}

function stateOf(record: TorrentRecord, torrent: WtTorrent | undefined, error: string | null, wanted: Wanted): TorrentState {
  if (record.paused && error === null) return 'paused';
  if (error !== null || !torrent) return 'error';
  if (!torrent.metadata) return 'metadata';
  if (!torrent.ready) return 'checking';
  return isDone(torrent, wanted) ? 'seeding' : 'downloading';
}

/** Share of the wanted bytes stored; webtorrent's own figure when nothing is skipped. */
function progressOf(torrent: WtTorrent | undefined, wanted: Wanted): number {
  if (!torrent) return 0;
  if (wanted.all) return torrent.progress;
  return wanted.length > 0 ? wanted.stored / wanted.length : 1;
}

function etaOf(torrent: WtTorrent, wanted: Wanted): number | null {
  if (isDone(torrent, wanted) || !torrent.metadata || torrent.downloadSpeed <= 0) return null;
  const left = wanted.all ? torrent.length - torrent.downloaded : wanted.length - wanted.stored;
  return Math.max(0, left) / torrent.downloadSpeed;
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
    priority: priorityOf(record.filePriorities, file.index),
  }));
  const wanted = wantedOf(files);
  return {
    infoHash: record.infoHash,
    name: record.meta?.name ?? record.displayName,
    magnetURI: record.magnetURI,
    length: record.meta?.length ?? null,
    state: stateOf(record, live, error, wanted),
    progress: progressOf(live, wanted),
    downloaded: live?.downloaded ?? 0,
    uploaded: live?.uploaded ?? 0,
    // webtorrent's speed is a 5 s average: a finished torrent would show its last seconds' rate while it seeds.
    downloadSpeed: live && !isDone(live, wanted) ? live.downloadSpeed : 0,
    uploadSpeed: live?.uploadSpeed ?? 0,
    numPeers: live?.numPeers ?? 0,
    eta: live ? etaOf(live, wanted) : null,
    ratio: ratioOf(lifetimeTotals(record, live)),
    error: error ?? (live || record.paused ? null : 'Stopped.'),
    files,
    addedAt: record.addedAt,
  };
}

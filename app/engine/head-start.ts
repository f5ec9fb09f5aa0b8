import type { TorrentRecord } from '../shared/db';
import { mainMediaFile } from '../shared/main-file';
import { mimeTypeFor } from '../shared/mime';
import { markOnce } from '../shared/timing-marks';
import { priorityOf } from './file-priority';
import { STREAM_BASE_PRIORITY } from './stream-window';
import type { WtTorrent } from './webtorrent';

/** The container's header and first frames. */
const HEAD_BYTES = 1024 * 1024;
/** About what Chromium reads of a faststart 720p MP4 before its first frame (bench: 160-270 KiB). */
const FIRST_FRAME_BYTES = 256 * 1024;
/** Where MP4s without faststart keep their index (and Matroska its cues). */
const TAIL_BYTES = 256 * 1024;

/**
 * The pieces at both ends of a file at `offset`, inclusive ranges: what a
 * player reads before it can show anything.
 */
export function endPieces(offset: number, length: number, pieceLength: number): { from: number; to: number }[] {
  if (length <= 0) return [];
  const first = Math.floor(offset / pieceLength);
  const last = Math.floor((offset + length - 1) / pieceLength);
  const headEnd = Math.min(last, Math.floor((offset + Math.min(length, HEAD_BYTES) - 1) / pieceLength));
  const tailStart = Math.max(headEnd + 1, Math.floor((offset + Math.max(0, length - TAIL_BYTES)) / pieceLength));
  return tailStart <= last ? [{ from: first, to: headEnd }, { from: tailStart, to: last }] : [{ from: first, to: headEnd }];
}

/**
 * Fetches both ends of the torrent's main video or audio file before anything
 * else, as soon as the metadata is in, so it starts playing the moment it is
 * opened (the page opens it by itself after an /add). Stream windows then take
 * over. A file the user skipped is left alone.
 */
export function headStartMainFile(record: TorrentRecord, torrent: WtTorrent): void {
  const start = () => {
    if (torrent.destroyed || torrent.pieces.length === 0) return;
    const files = torrent.files.map((f) => ({ length: f.length, mimeType: mimeTypeFor(f.name) }));
    const main = mainMediaFile(files);
    const file = main === null ? undefined : torrent.files[main];
    if (main === null || !file || priorityOf(record.filePriorities, main) === 'skip') return;
    for (const { from, to } of endPieces(file.offset, file.length, torrent.pieceLength)) {
      torrent._select(from, to, STREAM_BASE_PRIORITY, undefined, true);
    }
    markWhenIn(torrent, file.offset, Math.min(file.length, FIRST_FRAME_BYTES));
  };
  if (torrent.metadata) start();
  else torrent.once('metadata', start);
}

/** Marks (timing-marks.ts) when the file's first bytes are all in: the data side of a first frame. */
function markWhenIn(torrent: WtTorrent, offset: number, length: number): void {
  const first = Math.floor(offset / torrent.pieceLength);
  const last = Math.floor((offset + length - 1) / torrent.pieceLength);
  const check = (): void => {
    for (let i = first; i <= last; i++) if (!torrent.bitfield?.get(i)) return;
    markOnce('engine:head-256k');
    torrent.removeListener('verified', check);
  };
  torrent.on('verified', check);
  check();
}

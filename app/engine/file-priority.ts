import type { StoredFile, TorrentRecord } from '../shared/db';
import { FILE_PRIORITIES, type FilePriority } from '../shared/engine-api';
import { InputError } from '../shared/input';
import { putRecord } from '../shared/records';
import type { WtTorrent, WtTorrentDetails } from './webtorrent';

/**
 * webtorrent's selection priorities for each file priority. Stream windows
 * (stream-requests.ts) use 1, so a file being watched still comes first.
 * 'normal' is webtorrent's own default, 0.
 */
const SELECTION_PRIORITY: Record<Exclude<FilePriority, 'skip'>, number> = { low: -1, normal: 0, high: 0.5 };

export interface PieceRange {
  from: number;
  /** Inclusive, as webtorrent's selections. */
  to: number;
  priority: number;
}

export function priorityOf(priorities: readonly FilePriority[] | undefined, index: number): FilePriority {
  return priorities?.[index] ?? 'normal';
}

/**
 * The piece ranges to select for these file priorities. A piece shared by two
 * files takes the higher priority, so skipping a file never starves its
 * neighbour; pieces of skipped files alone are left out.
 */
export function selectionPlan(
  files: readonly Pick<StoredFile, 'offset' | 'length'>[],
  priorities: readonly FilePriority[] | undefined,
  pieceLength: number,
  pieceCount: number,
): PieceRange[] {
  const best = new Float64Array(pieceCount).fill(-Infinity);
  files.forEach((file, index) => {
    const priority = priorityOf(priorities, index);
    if (priority === 'skip' || file.length === 0) return;
    const value = SELECTION_PRIORITY[priority];
    const last = Math.min(pieceCount - 1, Math.floor((file.offset + file.length - 1) / pieceLength));
    for (let i = Math.floor(file.offset / pieceLength); i <= last; i++) best[i] = Math.max(best[i] ?? -Infinity, value);
  });
  const ranges: PieceRange[] = [];
  for (let i = 0; i < pieceCount; i++) {
    const priority = best[i] ?? -Infinity;
    if (priority === -Infinity) continue;
    const open = ranges.at(-1);
    if (open && open.to === i - 1 && open.priority === priority) open.to = i;
    else ranges.push({ from: i, to: i, priority });
  }
  return ranges;
}

/** Marks our selections, so they can be told from stream windows and replaced. */
const FILE_SELECTION = (): void => {};

/**
 * Replaces the torrent's whole-torrent selection (made by webtorrent on
 * metadata) with one per priority range. They go in as stream selections,
 * which webtorrent never merges, so neighbouring files keep their own
 * priorities; stream windows are left alone, so a skipped file still plays.
 */
export function applyPriorities(torrent: WtTorrent, priorities: readonly FilePriority[] | undefined): void {
  if (torrent.destroyed || !torrent.metadata || torrent.pieces.length === 0) return;
  const count = torrent.pieces.length;
  torrent._deselect(0, count - 1, false);
  const internals = torrent as WtTorrentDetails;
  for (const selection of internals._selections) if (selection.notify === FILE_SELECTION) selection.remove();
  internals._updateSelections();
  for (const range of selectionPlan(torrent.files, priorities, torrent.pieceLength, count)) {
    torrent._select(range.from, range.to, range.priority, FILE_SELECTION, true);
  }
}

/** Applies the record's priorities once the torrent has its metadata, and on every relaunch. */
export function followPriorities(record: TorrentRecord, torrent: WtTorrent): void {
  if (torrent.metadata) applyPriorities(torrent, record.filePriorities);
  else torrent.once('metadata', () => applyPriorities(torrent, record.filePriorities));
}

function isPriority(value: unknown): value is FilePriority {
  return (FILE_PRIORITIES as readonly unknown[]).includes(value);
}

/** Sets one file's priority in the record (kept in IndexedDB) and on the running torrent. */
export async function setFilePriority(
  record: TorrentRecord,
  torrent: WtTorrent | undefined,
  fileIndex: number,
  priority: FilePriority,
): Promise<void> {
  const files = record.meta?.files;
  if (!files) throw new InputError('The file list is not known yet.');
  if (!Number.isInteger(fileIndex) || fileIndex < 0 || fileIndex >= files.length) {
    throw new InputError('That file is not in this torrent.');
  }
  if (!isPriority(priority)) throw new InputError('Unknown file priority.');
  const priorities = files.map((_, index) => priorityOf(record.filePriorities, index));
  priorities[fileIndex] = priority;
  record.filePriorities = priorities;
  await putRecord(record);
  if (torrent && !torrent.destroyed) applyPriorities(torrent, priorities);
}

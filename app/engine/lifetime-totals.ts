import type { TorrentRecord } from '../shared/db';
import { putRecord } from '../shared/records';
import type { WtTorrent } from './webtorrent';

/**
 * Bytes moved over a torrent's whole life: the record keeps what earlier
 * sessions (and earlier folds of this one) moved; the live torrent counts the
 * rest. Folding moves the live count into the record, once.
 */

export interface Totals {
  uploaded: number;
  downloaded: number;
}

type Counters = Pick<WtTorrent, 'uploaded' | 'received'>;

/** What each live torrent had moved when it was last folded into its record. */
const folded = new WeakMap<Counters, Totals>();

function unfolded(torrent: Counters): Totals {
  const at = folded.get(torrent) ?? { uploaded: 0, downloaded: 0 };
  return { uploaded: torrent.uploaded - at.uploaded, downloaded: torrent.received - at.downloaded };
}

export function lifetimeTotals(record: TorrentRecord, torrent: Counters | undefined): Totals {
  const session = torrent ? unfolded(torrent) : { uploaded: 0, downloaded: 0 };
  return {
    uploaded: (record.uploadedBefore ?? 0) + session.uploaded,
    downloaded: (record.downloadedBefore ?? 0) + session.downloaded,
  };
}

/** Uploaded ÷ downloaded; null before anything is downloaded. */
export function ratioOf(totals: Totals): number | null {
  return totals.downloaded > 0 ? totals.uploaded / totals.downloaded : null;
}

/** Adds the torrent's unfolded bytes to the record; true when there were any. */
export function foldTotals(record: TorrentRecord, torrent: Counters | undefined): boolean {
  if (!torrent) return false;
  const session = unfolded(torrent);
  if (session.uploaded === 0 && session.downloaded === 0) return false;
  const totals = lifetimeTotals(record, torrent);
  record.uploadedBefore = totals.uploaded;
  record.downloadedBefore = totals.downloaded;
  folded.set(torrent, { uploaded: torrent.uploaded, downloaded: torrent.received });
  return true;
}

/** How often moving torrents' totals are written to IndexedDB. */
export const TOTALS_SAVE_MS = 15_000;

/** Writes the totals of every torrent that moved bytes since the last write. */
export async function saveTotals(entries: Iterable<{ record: TorrentRecord; torrent: WtTorrent | undefined }>): Promise<void> {
  const writes: Promise<void>[] = [];
  for (const { record, torrent } of entries) {
    const live = torrent && !torrent.destroyed ? torrent : undefined;
    if (foldTotals(record, live)) writes.push(putRecord(record));
  }
  await Promise.all(writes);
}

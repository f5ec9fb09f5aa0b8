import type { TorrentStatus } from '../../shared/engine-api';
import { getRecord, storedPieces } from '../../shared/records';
import { storedStatus } from '../../shared/stored-status';
import { markOnce } from '../../shared/timing-marks';
import { whenIdle } from '../lib/idle';
import { readSnapshot, writeSnapshot } from './status-snapshot';

/** A snapshot shown is refreshed from IndexedDB once idle, at the latest this much later. */
const SNAPSHOT_REFRESH_MS = 1000;

let prefetched: { infoHash: string; status: Promise<TorrentStatus | undefined> } | null = null;

async function readStatus(infoHash: string): Promise<TorrentStatus | undefined> {
  const [record, pieces] = await Promise.all([getRecord(infoHash), storedPieces(infoHash)]);
  markOnce('page:stored-status');
  const status = record ? storedStatus(record, pieces) : undefined;
  if (status) writeSnapshot(status);
  return status;
}

/** Starts reading a torrent's stored status before the page that shows it is mounted. */
export function prefetchStoredStatus(infoHash: string): void {
  // With a snapshot to show, the read can wait (see load()).
  if (readSnapshot(infoHash)) return;
  const status = readStatus(infoHash);
  // load() reports failures; until then, keep this one from going unhandled.
  status.catch(() => {});
  prefetched = { infoHash, status };
}

/**
 * One torrent's status read from IndexedDB, for its page until the engine
 * lists its torrents; the last one shown (status-snapshot.ts) until then.
 */
export class StoredTorrent {
  status = $state<TorrentStatus | undefined>(undefined);
  #wanted: string | null = null;

  async load(infoHash: string): Promise<void> {
    this.#wanted = infoHash;
    const early = prefetched?.infoHash === infoHash ? prefetched.status : null;
    prefetched = null;
    const snapshot = this.status ? undefined : readSnapshot(infoHash);
    if (snapshot) {
      this.status = snapshot;
      // What the snapshot shows (a player, say) is starting: it reads IndexedDB too, and goes first.
      await new Promise<void>((resolve) => whenIdle(resolve, SNAPSHOT_REFRESH_MS));
    }
    try {
      const status = await (early ?? readStatus(infoHash));
      if (this.#wanted === infoHash) this.status = status;
    } catch {
      // Unreadable storage: the page waits for the engine, which says what is wrong.
    }
  }
}

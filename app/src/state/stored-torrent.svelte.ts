import type { TorrentStatus } from '../../shared/engine-api';
import { getRecord, storedPieces } from '../../shared/records';
import { storedStatus } from '../../shared/stored-status';
import { markOnce } from '../../shared/timing-marks';

let prefetched: { infoHash: string; status: Promise<TorrentStatus | undefined> } | null = null;

async function readStatus(infoHash: string): Promise<TorrentStatus | undefined> {
  const [record, pieces] = await Promise.all([getRecord(infoHash), storedPieces(infoHash)]);
  markOnce('page:stored-status');
  return record ? storedStatus(record, pieces) : undefined;
}

/** Starts reading a torrent's stored status before the page that shows it is mounted. */
export function prefetchStoredStatus(infoHash: string): void {
  const status = readStatus(infoHash);
  // load() reports failures; until then, keep this one from going unhandled.
  status.catch(() => {});
  prefetched = { infoHash, status };
}

/** One torrent's status read from IndexedDB, for its page until the engine lists its torrents. */
export class StoredTorrent {
  status = $state<TorrentStatus | undefined>(undefined);
  #wanted: string | null = null;

  async load(infoHash: string): Promise<void> {
    this.#wanted = infoHash;
    const early = prefetched?.infoHash === infoHash ? prefetched.status : null;
    prefetched = null;
    try {
      const status = await (early ?? readStatus(infoHash));
      if (this.#wanted === infoHash) this.status = status;
    } catch {
      // Unreadable storage: the page waits for the engine, which says what is wrong.
    }
  }
}

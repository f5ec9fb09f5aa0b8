import type { TorrentStatus } from '../../shared/engine-api';
import { getRecord, storedPieces } from '../../shared/records';
import { storedStatus } from '../../shared/stored-status';

/** One torrent's status read from IndexedDB, for its page until the engine lists its torrents. */
export class StoredTorrent {
  status = $state<TorrentStatus | undefined>(undefined);
  #wanted: string | null = null;

  async load(infoHash: string): Promise<void> {
    this.#wanted = infoHash;
    try {
      const [record, pieces] = await Promise.all([getRecord(infoHash), storedPieces(infoHash)]);
      const status = record ? storedStatus(record, pieces) : undefined;
      if (this.#wanted === infoHash) this.status = status;
    } catch {
      // Unreadable storage: the page waits for the engine, which says what is wrong.
    }
  }
}

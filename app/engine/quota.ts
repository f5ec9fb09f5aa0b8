import type { TorrentRecord } from '../shared/db';
import { libraryEntry } from '../shared/library';
import { pieceSize } from '../shared/pieces';
import { storedPieces } from '../shared/records';
import { describeSize } from '../shared/settings';

/**
 * The user's storage limit against the bytes of stored pieces. Each torrent's
 * share is read from IndexedDB, then grows with every piece it verifies. When
 * the limit is reached the engine stops downloading; nothing stored is ever
 * deleted to make room.
 */
export class StorageQuota {
  #limit: number | null = null;
  /** Stored bytes are only read once there is a limit to hold them to. */
  #counted = false;
  readonly #stored = new Map<string, number>();
  /** Torrents stopped for the limit, to restart once there is room. */
  readonly #held = new Set<string>();

  set limit(bytes: number | null) {
    this.#limit = bytes;
  }

  get used(): number {
    let total = 0;
    for (const bytes of this.#stored.values()) total += bytes;
    return total;
  }

  get reached(): boolean {
    return this.#limit !== null && this.used >= this.#limit;
  }

  /** Plain words for the torrents it stopped. */
  get message(): string {
    const limit = this.#limit === null ? 'your storage limit' : `Storage limit of ${describeSize(this.#limit)}`;
    return `${limit} reached. Free space in the Library or raise the limit in Settings.`;
  }

  /** Reads what IndexedDB holds of these torrents, the first time a limit is set. */
  async countOnce(records: TorrentRecord[]): Promise<void> {
    if (this.#limit === null || this.#counted) return;
    this.#counted = true;
    try {
      for (const record of records) {
        const { stored } = libraryEntry(record, await storedPieces(record.infoHash));
        this.#stored.set(record.infoHash, stored);
      }
    } catch (err) {
      // Try again on the next check; until then new pieces still count.
      this.#counted = false;
      console.warn('[engine] could not count stored pieces:', err instanceof Error ? err.message : String(err));
    }
  }

  /** A newly stored piece; true when it brought the total to the limit. */
  addPiece(record: TorrentRecord, index: number): boolean {
    if (!record.meta) return false;
    const bytes = pieceSize({ pieceLength: record.meta.pieceLength, length: record.meta.length }, index);
    this.#stored.set(record.infoHash, (this.#stored.get(record.infoHash) ?? 0) + bytes);
    return this.reached;
  }

  forget(infoHash: string): void {
    this.#stored.delete(infoHash);
    this.#held.delete(infoHash);
  }

  hold(infoHash: string): void {
    this.#held.add(infoHash);
  }

  /** The torrents to restart, once under the limit; empty while still at it. */
  release(): string[] {
    if (this.reached) return [];
    const held = [...this.#held];
    this.#held.clear();
    return held;
  }
}

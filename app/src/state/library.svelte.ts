import type { LibraryEntry } from '../../shared/library';
import { libraryEntry } from '../../shared/library';
import { allRecords, storedPieces } from '../../shared/records';
import { errorMessage } from '../lib/errors';
import { torrents } from './torrents.svelte';

export interface StorageUse {
  usage: number;
  quota: number;
}

/**
 * What this browser holds: read straight from IndexedDB, so it is right even
 * when the engine is not running (offline, or before it starts).
 */
class Library {
  entries = $state<LibraryEntry[]>([]);
  loading = $state(false);
  storage = $state<StorageUse | null>(null);
  /** Null where the browser cannot tell. */
  persisted = $state<boolean | null>(null);
  error = $state<string | null>(null);

  async refresh(): Promise<void> {
    this.loading = true;
    try {
      const records = await allRecords();
      const entries = await Promise.all(records.map(async (r) => libraryEntry(r, await storedPieces(r.infoHash))));
      this.entries = entries.sort((a, b) => b.addedAt - a.addedAt);
      await this.#readStorage();
      this.error = null;
    } catch (err) {
      this.error = `Could not read this browser's storage: ${errorMessage(err)}`;
    } finally {
      this.loading = false;
    }
  }

  /** Asks the browser not to evict the library when space runs low. */
  async persist(): Promise<void> {
    if (!navigator.storage?.persist) return;
    this.persisted = await navigator.storage.persist();
    if (!this.persisted) {
      this.error = 'The browser declined to keep the library permanently. Installing the app usually lets it.';
    }
  }

  async remove(infoHash: string): Promise<void> {
    if (await torrents.remove(infoHash)) await this.refresh();
  }

  async #readStorage(): Promise<void> {
    const estimate = await navigator.storage?.estimate?.();
    this.storage = estimate ? { usage: estimate.usage ?? 0, quota: estimate.quota ?? 0 } : null;
    this.persisted = navigator.storage?.persisted ? await navigator.storage.persisted() : null;
  }
}

export const library = new Library();

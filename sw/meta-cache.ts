import type { TorrentMeta } from '../app/shared/db';

/** Torrents whose metadata is kept, the most recently streamed. */
const KEPT = 8;

/**
 * Metadata of the torrents streamed lately, by info hash. A torrent's
 * metadata never changes (the info hash is its hash), so a kept copy spares
 * every later request, a seek's above all, an IndexedDB read, which waits
 * behind the download's writes.
 */
export class MetaCache {
  readonly #kept = new Map<string, TorrentMeta>();

  get(infoHash: string): TorrentMeta | undefined {
    const meta = this.#kept.get(infoHash);
    if (meta) {
      // Most recent last.
      this.#kept.delete(infoHash);
      this.#kept.set(infoHash, meta);
    }
    return meta;
  }

  set(infoHash: string, meta: TorrentMeta): void {
    this.#kept.delete(infoHash);
    this.#kept.set(infoHash, meta);
    for (const oldest of this.#kept.keys()) {
      if (this.#kept.size <= KEPT) break;
      this.#kept.delete(oldest);
    }
  }

  forget(infoHash: string): void {
    this.#kept.delete(infoHash);
  }
}

/** What the eviction policy needs to know about one torrent. */
export interface CacheItem {
  infoHash: string;
  /** ms since the epoch of the last read, add or status look-up. */
  lastAccess: number;
  /** Grows with every access over all torrents: orders accesses within the same millisecond too. */
  accessOrder: number;
  /** Bytes it holds on disk. */
  bytes: number;
  /** Streams reading it right now; such torrents are never evicted. */
  readers: number;
}

const byOldestAccess = (a: CacheItem, b: CacheItem): number => a.accessOrder - b.accessOrder;

/** Torrents nobody has touched for `idleMs`. */
export function idleItems(items: readonly CacheItem[], now: number, idleMs: number): string[] {
  return items.filter((i) => i.readers === 0 && now - i.lastAccess >= idleMs).map((i) => i.infoHash);
}

/**
 * Least recently used torrents to drop until the rest fit in `maxBytes`.
 * Torrents being read stay, even if that leaves the cache over its size.
 */
export function itemsOverBudget(items: readonly CacheItem[], maxBytes: number): string[] {
  let total = items.reduce((sum, i) => sum + i.bytes, 0);
  const victims: string[] = [];
  for (const item of [...items].sort(byOldestAccess)) {
    if (total <= maxBytes) break;
    if (item.readers > 0) continue;
    victims.push(item.infoHash);
    total -= item.bytes;
  }
  return victims;
}

/** The least recently used torrent that may make room for a new one, or null when all are in use. */
export function itemToMakeRoom(items: readonly CacheItem[]): string | null {
  return [...items].sort(byOldestAccess).find((i) => i.readers === 0)?.infoHash ?? null;
}

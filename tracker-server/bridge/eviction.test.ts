import { describe, expect, it } from 'vitest';
import { idleItems, itemsOverBudget, itemToMakeRoom, type CacheItem } from './eviction.ts';

const item = (infoHash: string, accessOrder: number, bytes = 0, readers = 0): CacheItem => ({
  infoHash,
  lastAccess: accessOrder * 1000,
  accessOrder,
  bytes,
  readers,
});

describe('eviction', () => {
  it('finds torrents idle for the given time that nobody reads', () => {
    const items = [item('old', 1), item('old-but-read', 1, 0, 1), item('fresh', 9)];
    expect(idleItems(items, 10_000, 5_000)).toEqual(['old']);
  });

  it('drops least recently used torrents until the rest fit', () => {
    const items = [item('c', 3, 400), item('a', 1, 500), item('b', 2, 300)];
    expect(itemsOverBudget(items, 800)).toEqual(['a']);
    expect(itemsOverBudget(items, 400)).toEqual(['a', 'b']);
    expect(itemsOverBudget(items, 1200)).toEqual([]);
  });

  it('keeps torrents being read, even over budget', () => {
    const items = [item('a', 1, 500, 2), item('b', 2, 300)];
    expect(itemsOverBudget(items, 100)).toEqual(['b']);
  });

  it('makes room with the least recently used torrent nobody reads', () => {
    expect(itemToMakeRoom([item('b', 2), item('a', 1, 0, 1), item('c', 3)])).toBe('b');
    expect(itemToMakeRoom([item('a', 1, 0, 1)])).toBeNull();
  });
});

import { randomBytes } from 'node:crypto';
import bencode from 'bencode';
import { describe, expect, it } from 'vitest';
import { handMadeTorrent } from './bridge/hand-torrent.ts';
import { MetadataCache } from './metadata-cache.ts';

const torrent = (name: string, size = 1000) =>
  handMadeTorrent(name, [{ path: [`${name}.mp4`], content: randomBytes(size) }], 'wss://tracker.example/announce');

describe('MetadataCache', () => {
  it('keeps the info dictionary only: no trackers or web seeds of the publisher', () => {
    const cache = new MetadataCache();
    const t = torrent('a');
    cache.put(t.infoHash, t.bytes);
    const kept = bencode.decode(cache.get(t.infoHash)!) as Record<string, unknown>;
    expect(Object.keys(kept)).toEqual(['info']);
    expect(Buffer.from(bencode.encode(kept.info))).toEqual(Buffer.from(bencode.encode((bencode.decode(t.bytes) as { info: unknown }).info)));
  });

  it('refuses metadata that is not the info hash it is filed under', () => {
    const cache = new MetadataCache();
    const t = torrent('a');
    cache.put('ab'.repeat(20), t.bytes);
    expect(cache.get('ab'.repeat(20))).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('drops the least recently used once over its size, and a reread counts as a use', () => {
    const [a, b, c] = [torrent('a'), torrent('b'), torrent('c')];
    const one = bencode.encode({ info: (bencode.decode(a.bytes) as { info: unknown }).info }).byteLength;
    const cache = new MetadataCache(one * 2 + 10);
    cache.put(a.infoHash, a.bytes);
    cache.put(b.infoHash, b.bytes);
    expect(cache.get(a.infoHash)).toBeDefined();
    cache.put(c.infoHash, c.bytes);
    expect(cache.get(b.infoHash)).toBeUndefined();
    expect(cache.get(a.infoHash)).toBeDefined();
    expect(cache.get(c.infoHash)).toBeDefined();
  });

  it('counts a torrent published twice once', () => {
    const a = torrent('a');
    const one = bencode.encode({ info: (bencode.decode(a.bytes) as { info: unknown }).info }).byteLength;
    const cache = new MetadataCache(one + 10);
    cache.put(a.infoHash, a.bytes);
    cache.put(a.infoHash, a.bytes);
    expect(cache.size).toBe(1);
    expect(cache.get(a.infoHash)).toBeDefined();
  });
});

import { describe, expect, it } from 'vitest';
import { InputError, parseInfoHash, parseTorrentInput } from './input';

const HASH = 'c12fe1c06bba254a9dc9f519b335aa7c1367a88a';

describe('parseTorrentInput', () => {
  it('accepts a magnet link and keeps its name and trackers', () => {
    const uri = `magnet:?xt=urn:btih:${HASH.toUpperCase()}&dn=Big+Buck&tr=wss%3A%2F%2Ft.example%2Fannounce&tr=javascript%3Aalert(1)`;
    expect(parseTorrentInput(uri)).toEqual({
      kind: 'magnet',
      infoHash: HASH,
      name: 'Big Buck',
      trackers: ['wss://t.example/announce'],
      magnetURI: uri,
    });
  });

  it('accepts a base32 magnet', () => {
    const result = parseTorrentInput('magnet:?xt=urn:btih:YEX6DQDLXISUVHOJ6UM3GNNKPQJWPKEK');
    expect(result).toMatchObject({ kind: 'magnet', infoHash: HASH });
  });

  it('turns a bare info hash into a magnet', () => {
    expect(parseTorrentInput(`  ${HASH}\n`)).toMatchObject({
      kind: 'magnet',
      infoHash: HASH,
      magnetURI: `magnet:?xt=urn:btih:${HASH}`,
    });
  });

  it('accepts http(s) links to .torrent files', () => {
    expect(parseTorrentInput('https://example.org/a.torrent')).toEqual({ kind: 'url', url: 'https://example.org/a.torrent' });
  });

  it.each([
    ['', /Paste a magnet link/],
    ['magnet:?dn=nothing', /not a valid magnet link.*info hash/],
    ['magnet:?xt=urn:btih:1234', /not a valid magnet link/],
    ['magnet:?xt=urn:btmh:1220caf1e1c30e81cb361b9ee167c4aa64228a7fa4fa9f6105232b28ad099f3a302e', /v2-only/],
    ['ftp://example.org/a.torrent', /Only magnet links and http\(s\) links/],
    ['hello world', /not a magnet link, an info hash/],
    ['c12fe1c06bba254a9dc9f519b335aa7c1367a88', /not a magnet link, an info hash/],
  ])('rejects %j in plain words', (raw, message) => {
    expect(() => parseTorrentInput(raw)).toThrow(InputError);
    expect(() => parseTorrentInput(raw)).toThrow(message);
  });
});

describe('parseInfoHash', () => {
  it('normalises case and rejects anything else', () => {
    expect(parseInfoHash(HASH.toUpperCase())).toBe(HASH);
    expect(() => parseInfoHash('xyz')).toThrow(/40 hexadecimal/);
  });
});

import { describe, expect, it } from 'vitest';
import { findTorrentLink } from './find-torrent-link';

const HASH = '0123456789abcdef0123456789abcdef01234567';
const MAGNET = `magnet:?xt=urn:btih:${HASH}&dn=A%20film&tr=wss%3A%2F%2Ftracker.test`;

describe('findTorrentLink', () => {
  it('finds a magnet link inside a sentence', () => {
    expect(findTorrentLink(`Watch this: ${MAGNET}. Enjoy!`)).toBe(MAGNET);
  });

  it('stops at Markdown brackets and quotes', () => {
    expect(findTorrentLink(`[film](${MAGNET})`)).toBe(MAGNET);
    expect(findTorrentLink(`<a href="${MAGNET}">film</a>`)).toBe(MAGNET);
  });

  it('takes text that is only an info hash or an http(s) link', () => {
    expect(findTorrentLink(`  ${HASH}\n`)).toBe(HASH);
    expect(findTorrentLink('https://example.test/film.torrent')).toBe('https://example.test/film.torrent');
  });

  it('finds nothing in other text', () => {
    expect(findTorrentLink('Have a look at this film')).toBeNull();
    expect(findTorrentLink(`see https://example.test/film.torrent and ${HASH}`)).toBeNull();
    expect(findTorrentLink('')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { webSeedFileFinder } from './webseed-paths.ts';

describe('webSeedFileFinder', () => {
  it('serves a single-file torrent at the url-list URL itself, or with its name appended (BEP19)', () => {
    const find = webSeedFileFinder(['movie.mp4']);
    expect(find('')).toBe(0);
    expect(find('/')).toBe(0);
    expect(find('/movie.mp4')).toBe(0);
    expect(find('/other.mp4')).toBeNull();
  });

  it('finds multi-file paths as fetch() sends webtorrent\'s unescaped URLs', () => {
    const paths = ['Show/S01 E01.mkv', 'Show/extras/100% done?.txt', 'Show/ünïcode/ä.srt'];
    const find = webSeedFileFinder(paths);
    // What `new URL(base + '/' + path)` makes of each: spaces and non-ASCII escaped, "?" starts the query.
    expect(find('/Show/S01%20E01.mkv')).toBe(0);
    expect(find('/Show/extras/100%%20done?.txt')).toBe(1);
    expect(find('/Show/%C3%BCn%C3%AFcode/%C3%A4.srt')).toBe(2);
  });

  it('also takes paths escaped per segment', () => {
    const find = webSeedFileFinder(['Show/a.txt', 'Show/extras/100% done?.txt']);
    expect(find(`/Show/extras/${encodeURIComponent('100% done?.txt')}`)).toBe(1);
  });

  it('finds nothing for unknown or malformed paths', () => {
    const find = webSeedFileFinder(['Show/a.txt', 'Show/b.txt']);
    expect(find('')).toBeNull();
    expect(find('/Show')).toBeNull();
    expect(find('/Show/%E0%A4%A')).toBeNull();
    expect(find('Show/a.txt')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { isAppPath, pageKey, parseRoute, torrentPath, viewedTorrent } from './routes';

const at = (path: string) => new URL(path, 'https://example.test');
const HASH = '0123456789abcdef0123456789abcdef01234567';

describe('parseRoute', () => {
  it('finds home', () => {
    expect(parseRoute(at('/'))).toEqual({ name: 'home' });
  });

  it('finds the library', () => {
    expect(parseRoute(at('/library'))).toEqual({ name: 'library' });
    expect(isAppPath(at('/library/'))).toBe(true);
  });

  it('finds the settings', () => {
    expect(parseRoute(at('/settings'))).toEqual({ name: 'settings' });
    expect(isAppPath(at('/settings/'))).toBe(true);
  });

  it('decodes the uri of /add', () => {
    const magnet = `magnet:?xt=urn:btih:${HASH}&dn=A%20film`;
    expect(parseRoute(at(`/add?uri=${encodeURIComponent(magnet)}`))).toEqual({ name: 'add', uri: magnet });
    expect(parseRoute(at('/add'))).toEqual({ name: 'add', uri: '' });
  });

  it('lower-cases the info hash of a torrent page', () => {
    expect(parseRoute(at(`/t/${HASH.toUpperCase()}`))).toEqual({ name: 'torrent', infoHash: HASH, play: null });
    expect(parseRoute(at(`/t/${HASH}/`))).toEqual({ name: 'torrent', infoHash: HASH, play: null });
  });

  it('reads which file a torrent page opens', () => {
    expect(parseRoute(at(`/t/${HASH}?play=3`))).toMatchObject({ play: 3 });
    expect(parseRoute(at(`/t/${HASH}?play=main`))).toMatchObject({ play: 'main' });
    expect(parseRoute(at(`/t/${HASH}?play=-1`))).toMatchObject({ play: null });
    expect(parseRoute(at(`/t/${HASH}?play=1e3`))).toMatchObject({ play: null });
  });

  it('builds torrent paths that parse back', () => {
    for (const play of [null, 0, 12, 'main'] as const) {
      expect(parseRoute(at(torrentPath(HASH, play)))).toEqual({ name: 'torrent', infoHash: HASH, play });
    }
  });

  it('leaves anything else alone', () => {
    expect(parseRoute(at('/stream/abc/0/film.mp4'))).toEqual({ name: 'not-found', path: '/stream/abc/0/film.mp4' });
    expect(parseRoute(at('/t/'))).toEqual({ name: 'not-found', path: '/t/' });
  });
});

describe('isAppPath', () => {
  it('is false for streams and assets', () => {
    expect(isAppPath(at('/t/abc'))).toBe(true);
    expect(isAppPath(at('/stream/abc/0/a.mp4'))).toBe(false);
    expect(isAppPath(at('/manifest.webmanifest'))).toBe(false);
  });
});

describe('torrentPath', () => {
  it('builds the page path', () => {
    expect(torrentPath(HASH)).toBe(`/t/${HASH}`);
  });
});

describe('pageKey', () => {
  const hash = 'a'.repeat(40);
  it('is the same for a torrent page whatever file it plays', () => {
    const page = pageKey(parseRoute(new URL(`https://x.test/t/${hash}`)));
    expect(pageKey({ name: 'torrent', infoHash: hash, play: 0 })).toBe(page);
    expect(pageKey({ name: 'torrent', infoHash: hash, play: 'main' })).toBe(page);
  });

  it('tells torrents and other pages apart', () => {
    expect(pageKey({ name: 'torrent', infoHash: hash, play: null })).not.toBe(
      pageKey({ name: 'torrent', infoHash: 'b'.repeat(40), play: null }),
    );
    expect(pageKey({ name: 'home' })).toBe('home');
    expect(pageKey({ name: 'add', uri: 'magnet:?' })).toBe('add');
  });
});

describe('viewedTorrent', () => {
  const ih = 'ed818195eab039fb6d40629ef600e14e4ddd02eb';
  const at = (path: string) => parseRoute(new URL(path, 'http://localhost'));

  it("is a torrent page's torrent, with the file it opens", () => {
    expect(viewedTorrent(at(`/t/${ih}?play=2`), null)).toEqual({ infoHash: ih, play: 2 });
    expect(viewedTorrent(at(`/t/${ih}`), 'another')).toEqual({ infoHash: ih, play: null });
  });

  it("is /add's pending magnet, opening its main file as the page it hands over to will", () => {
    expect(viewedTorrent(at('/add?uri=magnet%3A'), ih)).toEqual({ infoHash: ih, play: 'main' });
    expect(viewedTorrent(at('/add?uri=magnet%3A'), null)).toBeNull();
    expect(viewedTorrent(at('/'), ih)).toBeNull();
  });
});

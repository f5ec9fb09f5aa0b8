import { describe, expect, it } from 'vitest';
import { checkTorrentPaths, isInside, unsafePath } from './safe-paths.ts';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('unsafePath', () => {
  it('accepts ordinary names', () => {
    expect(unsafePath({ name: bytes('Show'), files: [{ path: [bytes('S01'), bytes('e01..final.mkv')] }] })).toBeNull();
    expect(unsafePath({ name: bytes('movie.mp4'), length: 1 })).toBeNull();
  });

  it.each([
    ['..', [['..', 'x']]],
    ['.', [['.', 'x']]],
    ['an empty component', [['', 'x']]],
    ['a slash', [['a/b']]],
    ['a backslash', [['..\\x']]],
    ['a drive letter', [['C:', 'x']]],
  ])('refuses %s in a file path', (_label, paths) => {
    const files = paths.map((p) => ({ path: p.map(bytes) }));
    expect(unsafePath({ name: bytes('ok'), files })).toBe(paths[0]!.join('/'));
  });

  it('checks the UTF-8 variants and the name too', () => {
    expect(unsafePath({ name: bytes('ok'), files: [{ path: [bytes('a')], 'path.utf-8': [bytes('..')] }] })).toBe('..');
    expect(unsafePath({ name: bytes('ok'), 'name.utf-8': bytes('../x') })).toBe('../x');
  });

  it('throws an InputError with the offending name', () => {
    expect(() => checkTorrentPaths({ name: bytes('..') })).toThrow(
      'This torrent was refused: its file name ".." would be written outside the torrent\'s folder.',
    );
  });
});

describe('isInside', () => {
  it('tells paths inside a folder from those outside', () => {
    expect(isInside('/data/bridge/ab', '/data/bridge/ab/Show/x.mkv')).toBe(true);
    expect(isInside('/data/bridge/ab', '/data/bridge/ab/..x')).toBe(true);
    expect(isInside('/data/bridge/ab', '/data/bridge/ab')).toBe(true);
    expect(isInside('/data/bridge/ab', '/data/bridge/x')).toBe(false);
    expect(isInside('/data/bridge/ab', '/etc/passwd')).toBe(false);
  });
});

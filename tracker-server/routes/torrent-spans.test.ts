import { describe, expect, it } from 'vitest';
import { spansOf } from './torrent-spans.ts';

describe('spansOf', () => {
  // Files end to end as in the torrent, with an empty one between.
  const files = [
    { name: 'a', offset: 0, length: 10 },
    { name: 'empty', offset: 10, length: 0 },
    { name: 'b', offset: 10, length: 5 },
    { name: 'c', offset: 15, length: 20 },
  ];
  const names = (start: number, end: number) =>
    spansOf(files, { start, end }).map((s) => [s.file.name, s.range.start, s.range.end]);

  it('maps a torrent range over every file it crosses, in file bytes', () => {
    expect(names(8, 20)).toEqual([
      ['a', 8, 9],
      ['b', 0, 4],
      ['c', 0, 5],
    ]);
  });

  it('keeps a range inside one file to that file', () => {
    expect(names(16, 18)).toEqual([['c', 1, 3]]);
    expect(names(0, 0)).toEqual([['a', 0, 0]]);
  });

  it('covers the whole torrent and skips empty files', () => {
    expect(names(0, 34)).toEqual([
      ['a', 0, 9],
      ['b', 0, 4],
      ['c', 0, 19],
    ]);
  });
});

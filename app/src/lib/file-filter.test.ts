import { describe, expect, it } from 'vitest';
import type { FileStatus } from '../../shared/engine-api';
import { filterFiles, filterWords } from './file-filter';

const file = (index: number, path: string): FileStatus => ({
  index,
  name: path.split('/').pop() ?? path,
  path,
  length: 1,
  progress: 0,
  mimeType: 'application/octet-stream',
  priority: 'normal',
});

const files = [
  file(0, 'Pack/Season 1/Episode 01.mkv'),
  file(1, 'Pack/Season 1/Episode 01.en.srt'),
  file(2, 'Pack/Season 2/Episode 01.mkv'),
  file(3, 'Pack/Extras/Making of.MP4'),
];

describe('filterWords', () => {
  it('splits on any whitespace and lower-cases', () => {
    expect(filterWords('  Season\t2  EPISODE ')).toEqual(['season', '2', 'episode']);
    expect(filterWords('   ')).toEqual([]);
  });
});

describe('filterFiles', () => {
  it('keeps every file, the same array, for an empty query', () => {
    expect(filterFiles(files, '')).toBe(files);
    expect(filterFiles(files, '  ')).toBe(files);
  });

  it('matches every word against folder and name, in any case and order', () => {
    expect(filterFiles(files, 'mkv').map((f) => f.index)).toEqual([0, 2]);
    expect(filterFiles(files, 'episode season 2').map((f) => f.index)).toEqual([2]);
    expect(filterFiles(files, 'extras mp4').map((f) => f.index)).toEqual([3]);
    expect(filterFiles(files, 'srt season 2')).toEqual([]);
  });
});

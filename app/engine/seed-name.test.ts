import { describe, expect, it } from 'vitest';
import { seedName } from './seed-name';

describe('seedName', () => {
  it('leaves a single file to its own name', () => {
    expect(seedName([{ name: 'Film.mp4', size: 10 }])).toBeUndefined();
    expect(seedName([])).toBeUndefined();
  });

  it('names several files after the largest, without its extension', () => {
    const files = [
      { name: 'Film.en.srt', size: 60 },
      { name: 'Film.mp4', size: 271_000 },
      { name: 'poster.png', size: 554 },
    ];
    expect(seedName(files)).toBe('Film');
  });

  it('keeps the first of equally large files, and a name that is all extension', () => {
    expect(seedName([{ name: 'a.txt', size: 5 }, { name: 'b.txt', size: 5 }])).toBe('a');
    expect(seedName([{ name: '.hidden', size: 9 }, { name: 'x', size: 1 }])).toBe('.hidden');
    expect(seedName([{ name: 'Season 1', size: 9 }, { name: 'x', size: 1 }])).toBe('Season 1');
  });
});

import { describe, expect, it } from 'vitest';
import { endPieces } from './head-start';

const MiB = 1024 * 1024;

describe('endPieces', () => {
  it('takes the first MiB and the last 256 KiB of a file', () => {
    // 100 MiB from offset 0 in 256 KiB pieces: pieces 0..3 and 399.
    expect(endPieces(0, 100 * MiB, 256 * 1024)).toEqual([
      { from: 0, to: 3 },
      { from: 399, to: 399 },
    ]);
  });

  it('counts from where the file starts in the torrent', () => {
    // A 10 MiB file after a 1.5 MiB one, 1 MiB pieces: it spans pieces 1..11.
    expect(endPieces(1.5 * MiB, 10 * MiB, MiB)).toEqual([
      { from: 1, to: 2 },
      { from: 11, to: 11 },
    ]);
  });

  it('takes a small file whole, once', () => {
    expect(endPieces(0, 300 * 1024, 64 * 1024)).toEqual([{ from: 0, to: 4 }]);
    expect(endPieces(0, 0, 64 * 1024)).toEqual([]);
  });
});

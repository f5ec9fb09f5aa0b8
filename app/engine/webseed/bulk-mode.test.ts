import { describe, expect, it } from 'vitest';
import { BulkMode } from './bulk-mode';

const MiB = 1024 * 1024;

describe('BulkMode', () => {
  it('starts with a whole range of 4 MiB (under the 5 MB Chromium keeps in memory), or less where ranges are smaller', () => {
    expect(new BulkMode(32 * MiB)).toMatchObject({ whole: true, rangeBytes: 4 * MiB });
    expect(new BulkMode(MiB).rangeBytes).toBe(MiB);
  });

  it('sizes whole ranges to half a second at the last one’s rate, between one stored run and the largest range', () => {
    const mode = new BulkMode(32 * MiB);
    mode.record(8 * MiB, 200); // ~42 MB/s
    expect(mode.rangeBytes).toBe((8 * MiB / 200) * 500);
    mode.record(8 * MiB, 50); // ~168 MB/s: 84 MB in half a second
    expect(mode.rangeBytes).toBe(32 * MiB);
    mode.record(2 * MiB, 500); // ~4 MB/s: 2 MB in half a second
    expect(mode.rangeBytes).toBe(2 * MiB);
    expect(mode.whole).toBe(true);
  });

  it('reads a slow source piece by piece, in full-size ranges, until it is fast again', () => {
    const mode = new BulkMode(32 * MiB);
    mode.record(8 * MiB, 8000); // ~1 MB/s
    expect(mode).toMatchObject({ whole: false, rangeBytes: 32 * MiB });
    mode.record(32 * MiB, 8000); // ~4 MB/s: better, not yet fast
    expect(mode.whole).toBe(false);
    mode.record(32 * MiB, 1000); // ~34 MB/s
    expect(mode).toMatchObject({ whole: true, rangeBytes: (32 * MiB / 1000) * 500 });
  });

  it('takes an instant answer as fast, not as a division by zero', () => {
    const mode = new BulkMode(32 * MiB);
    mode.record(8 * MiB, 0);
    expect(mode).toMatchObject({ whole: true, rangeBytes: 32 * MiB });
  });
});

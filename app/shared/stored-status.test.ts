import { describe, expect, it } from 'vitest';
import { sampleRecord } from './sample-record';
import { storedStatus } from './stored-status';

const record = sampleRecord('b'.repeat(40), 7);

describe('storedStatus', () => {
  it('lists the files with the share of each that is stored', () => {
    const status = storedStatus(record, [0, 2]);
    expect(status.state).toBe('checking');
    expect(status.length).toBe(250);
    expect(status.progress).toBeCloseTo(150 / 250);
    expect(status.files.map((f) => [f.index, f.progress])).toEqual([
      [0, 100 / 150],
      [1, 50 / 100],
    ]);
    expect(status.files[0]?.priority).toBe('normal');
  });

  it('says paused for a paused torrent and keeps file priorities', () => {
    const status = storedStatus({ ...record, paused: true, filePriorities: ['high', 'skip'] }, []);
    expect(status.state).toBe('paused');
    expect(status.progress).toBe(0);
    expect(status.files.map((f) => f.priority)).toEqual(['high', 'skip']);
  });

  it('has no files before the metadata', () => {
    const status = storedStatus({ ...record, meta: null }, []);
    expect(status.name).toBe('Film');
    expect(status.length).toBeNull();
    expect(status.files).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { sampleRecord } from './sample-record';
import { libraryEntry } from './library';

const record = sampleRecord('a'.repeat(40), 1);

describe('libraryEntry', () => {
  it('counts stored bytes per file and marks complete files as offline', () => {
    const entry = libraryEntry(record, [0, 1]);
    expect(entry.stored).toBe(200);
    expect(entry.files.map((f) => [f.stored, f.offline])).toEqual([
      [150, true],
      [50, false],
    ]);
  });

  it('counts the short last piece by its real size', () => {
    expect(libraryEntry(record, [2]).stored).toBe(50);
    expect(libraryEntry(record, [0, 1, 2]).files.every((f) => f.offline)).toBe(true);
  });

  it('describes a torrent still waiting for metadata', () => {
    expect(libraryEntry({ ...record, meta: null }, [])).toMatchObject({ name: 'Film', length: null, stored: 0, files: [] });
  });
});

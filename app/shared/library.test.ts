import { describe, expect, it } from 'vitest';
import type { TorrentRecord } from './db';
import { libraryEntry } from './library';

const record: TorrentRecord = {
  infoHash: 'a'.repeat(40),
  magnetURI: 'magnet:?xt=urn:btih:' + 'a'.repeat(40),
  displayName: 'Film',
  addedAt: 1,
  meta: {
    name: 'Film',
    length: 250,
    pieceLength: 100,
    lastPieceLength: 50,
    pieceCount: 3,
    torrentFile: new ArrayBuffer(0),
    files: [
      { index: 0, name: 'a.mp4', path: 'Film/a.mp4', length: 150, offset: 0, mimeType: 'video/mp4' },
      { index: 1, name: 'a.srt', path: 'Film/a.srt', length: 100, offset: 150, mimeType: 'application/x-subrip' },
    ],
  },
};

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

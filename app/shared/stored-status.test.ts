import { describe, expect, it } from 'vitest';
import type { TorrentRecord } from './db';
import { storedStatus } from './stored-status';

const record: TorrentRecord = {
  infoHash: 'b'.repeat(40),
  magnetURI: 'magnet:?xt=urn:btih:' + 'b'.repeat(40),
  displayName: 'Film',
  addedAt: 7,
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

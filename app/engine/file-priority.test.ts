import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { TorrentRecord } from '../shared/db';
import { deleteTorrent, getRecord, putRecord } from '../shared/records';
import { selectionPlan, setFilePriority } from './file-priority';

// Three files over 10 pieces of 10 bytes: a = 0..24, b = 25..59, c = 60..99.
const files = [
  { offset: 0, length: 25 },
  { offset: 25, length: 35 },
  { offset: 60, length: 40 },
];

describe('selectionPlan', () => {
  it('selects the whole torrent as one range when nothing is set', () => {
    expect(selectionPlan(files, undefined, 10, 10)).toEqual([{ from: 0, to: 9, priority: 0 }]);
  });

  it('leaves out the pieces only a skipped file has, keeping shared boundary pieces', () => {
    // b covers pieces 2..5; piece 2 is shared with a.
    expect(selectionPlan(files, ['normal', 'skip', 'normal'], 10, 10)).toEqual([
      { from: 0, to: 2, priority: 0 },
      { from: 6, to: 9, priority: 0 },
    ]);
  });

  it('gives a shared piece the higher of its two files priorities', () => {
    expect(selectionPlan(files, ['low', 'high', 'normal'], 10, 10)).toEqual([
      { from: 0, to: 1, priority: -1 },
      { from: 2, to: 5, priority: 0.5 },
      { from: 6, to: 9, priority: 0 },
    ]);
  });

  it('selects nothing when every file is skipped', () => {
    expect(selectionPlan(files, ['skip', 'skip', 'skip'], 10, 10)).toEqual([]);
  });

  it('ignores empty files and reads missing entries as normal', () => {
    const withEmpty = [{ offset: 0, length: 10 }, { offset: 10, length: 0 }, { offset: 10, length: 10 }];
    expect(selectionPlan(withEmpty, ['high'], 10, 2)).toEqual([
      { from: 0, to: 0, priority: 0.5 },
      { from: 1, to: 1, priority: 0 },
    ]);
  });
});

describe('setFilePriority', () => {
  const infoHash = 'd'.repeat(40);
  const record = (): TorrentRecord => ({
    infoHash,
    magnetURI: `magnet:?xt=urn:btih:${infoHash}`,
    displayName: null,
    addedAt: 0,
    meta: {
      name: 'Three',
      length: 100,
      pieceLength: 10,
      lastPieceLength: 10,
      pieceCount: 10,
      torrentFile: new ArrayBuffer(0),
      files: files.map((f, index) => ({ ...f, index, name: `${index}`, path: `Three/${index}`, mimeType: 'text/plain' })),
    },
  });

  it('keeps the choice in IndexedDB, every other file normal', async () => {
    await deleteTorrent(infoHash);
    const r = record();
    await putRecord(r);
    await setFilePriority(r, undefined, 1, 'skip');
    await setFilePriority(r, undefined, 2, 'high');
    expect((await getRecord(infoHash))?.filePriorities).toEqual(['normal', 'skip', 'high']);
  });

  it('refuses a file that is not there and an unknown priority', async () => {
    const r = record();
    await expect(setFilePriority(r, undefined, 3, 'high')).rejects.toThrow('That file is not in this torrent.');
    await expect(setFilePriority(r, undefined, 0, 'urgent' as never)).rejects.toThrow('Unknown file priority.');
    await expect(setFilePriority({ ...r, meta: null }, undefined, 0, 'high')).rejects.toThrow('The file list is not known yet.');
  });
});

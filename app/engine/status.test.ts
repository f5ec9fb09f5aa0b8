import { describe, expect, it } from 'vitest';
import type { TorrentRecord } from '../shared/db';
import { sampleRecord } from '../shared/sample-record';
import { statusOf, wantedOf } from './status';
import type { WtTorrent } from './webtorrent';

describe('wantedOf', () => {
  it('counts only the files that are not skipped', () => {
    const wanted = wantedOf([
      { length: 100, progress: 1, priority: 'normal' },
      { length: 300, progress: 0.1, priority: 'skip' },
      { length: 100, progress: 0.5, priority: 'high' },
    ]);
    expect(wanted).toEqual({ length: 200, stored: 150, all: false });
  });

  it('says when every file is wanted', () => {
    expect(wantedOf([{ length: 10, progress: 0, priority: 'low' }]).all).toBe(true);
  });
});

// Two files (150 and 100 bytes); the first skipped, with lifetime totals kept from before.
const twoFiles: TorrentRecord = {
  ...sampleRecord('c'.repeat(40), 1),
  paused: true,
  filePriorities: ['skip'],
  uploadedBefore: 500,
  downloadedBefore: 250,
};

describe('statusOf a paused torrent', () => {
  const record = twoFiles;

  it('gives each file its kept priority, normal when none was set', () => {
    expect(statusOf(record, undefined, null).files.map((f) => f.priority)).toEqual(['skip', 'normal']);
  });

  it('reports the lifetime ratio kept in the record', () => {
    const status = statusOf(record, undefined, null);
    expect(status.state).toBe('paused');
    expect(status.ratio).toBe(2);
  });
});

describe('statusOf a live torrent', () => {
  const record: TorrentRecord = { ...twoFiles, paused: false, filePriorities: [] };
  const live = (done: boolean) =>
    ({
      destroyed: false,
      metadata: new Uint8Array(1),
      ready: true,
      done,
      length: 250,
      progress: done ? 1 : 0.5,
      downloaded: done ? 250 : 125,
      uploaded: 0,
      downloadSpeed: 4_000_000,
      uploadSpeed: 1_000,
      numPeers: 1,
      files: [{ progress: done ? 1 : 0.5 }, { progress: done ? 1 : 0.5 }],
    }) as unknown as WtTorrent;

  it('reports the download speed while it downloads', () => {
    const status = statusOf(record, live(false), null);
    expect(status.state).toBe('downloading');
    expect(status.downloadSpeed).toBe(4_000_000);
  });

  it('reports no download speed once it seeds, though the 5 s average has not decayed yet', () => {
    const status = statusOf(record, live(true), null);
    expect(status.state).toBe('seeding');
    expect(status.downloadSpeed).toBe(0);
    expect(status.uploadSpeed).toBe(1_000);
  });
});

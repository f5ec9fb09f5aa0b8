import { describe, expect, it } from 'vitest';
import { isTorrentFile } from './torrent-file';

describe('isTorrentFile', () => {
  it('accepts by extension or type', () => {
    expect(isTorrentFile({ name: 'Film.TORRENT', type: '' })).toBe(true);
    expect(isTorrentFile({ name: 'download', type: 'application/x-bittorrent' })).toBe(true);
  });

  it('rejects other files', () => {
    expect(isTorrentFile({ name: 'film.mp4', type: 'video/mp4' })).toBe(false);
  });
});

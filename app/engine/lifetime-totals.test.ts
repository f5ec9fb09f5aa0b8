import { describe, expect, it } from 'vitest';
import type { TorrentRecord } from '../shared/db';
import { foldTotals, lifetimeTotals, ratioOf } from './lifetime-totals';

const record = (before: Partial<TorrentRecord> = {}): TorrentRecord => ({
  infoHash: 'a'.repeat(40),
  magnetURI: 'magnet:?xt=urn:btih:' + 'a'.repeat(40),
  displayName: null,
  addedAt: 0,
  meta: null,
  ...before,
});

describe('ratioOf', () => {
  it('divides uploaded by downloaded', () => {
    expect(ratioOf({ uploaded: 300, downloaded: 200 })).toBe(1.5);
  });

  it('is null before anything is downloaded', () => {
    expect(ratioOf({ uploaded: 300, downloaded: 0 })).toBeNull();
  });
});

describe('lifetime totals', () => {
  it('adds earlier sessions to this one', () => {
    const r = record({ uploadedBefore: 100, downloadedBefore: 1000 });
    expect(lifetimeTotals(r, { uploaded: 50, received: 500 })).toEqual({ uploaded: 150, downloaded: 1500 });
    expect(lifetimeTotals(r, undefined)).toEqual({ uploaded: 100, downloaded: 1000 });
  });

  it('counts each byte once however often it is folded into the record', () => {
    const r = record({ uploadedBefore: 10, downloadedBefore: 20 });
    const torrent = { uploaded: 5, received: 7 };
    expect(foldTotals(r, torrent)).toBe(true);
    expect(r).toMatchObject({ uploadedBefore: 15, downloadedBefore: 27 });
    expect(foldTotals(r, torrent)).toBe(false);
    torrent.uploaded = 8;
    torrent.received = 17;
    expect(lifetimeTotals(r, torrent)).toEqual({ uploaded: 18, downloaded: 37 });
    expect(foldTotals(r, torrent)).toBe(true);
    expect(r).toMatchObject({ uploadedBefore: 18, downloadedBefore: 37 });
    expect(lifetimeTotals(r, torrent)).toEqual({ uploaded: 18, downloaded: 37 });
  });

  it('starts from zero for records from before totals were kept', () => {
    const r = record();
    expect(foldTotals(r, { uploaded: 1, received: 2 })).toBe(true);
    expect(r).toMatchObject({ uploadedBefore: 1, downloadedBefore: 2 });
  });
});

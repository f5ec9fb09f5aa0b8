import { describe, expect, it } from 'vitest';
import { torrentPath } from '../src/lib/routes';
import { likelyPlayed } from './play-link';

const IH = 'AB'.repeat(20);
const ih = IH.toLowerCase();
const at = (path: string) => new URL(path, 'https://app.example');

describe('likelyPlayed', () => {
  it('reads the info hash (lower case) and file index of a play link the app builds', () => {
    expect(likelyPlayed(at(torrentPath(IH, 3)))).toEqual({ infoHash: ih, fileIndex: 3 });
    expect(likelyPlayed(at(`/t/${IH}/?play=0`))).toEqual({ infoHash: ih, fileIndex: 0 });
  });

  it('is the main file for the page alone and for ?play=main', () => {
    expect(likelyPlayed(at(torrentPath(IH)))).toEqual({ infoHash: ih, fileIndex: 'main' });
    expect(likelyPlayed(at(torrentPath(IH, 'main')))).toEqual({ infoHash: ih, fileIndex: 'main' });
  });

  it('is null for a play value that is no file number', () => {
    expect(likelyPlayed(at(`/t/${IH}?play=`))).toBeNull();
    expect(likelyPlayed(at(`/t/${IH}?play=-1`))).toBeNull();
    expect(likelyPlayed(at(`/t/${IH}?play=1234567`))).toBeNull();
    expect(likelyPlayed(at(`/t/${IH}?play=x`))).toBeNull();
  });

  it('is null for other paths and partial info hashes', () => {
    expect(likelyPlayed(at('/library'))).toBeNull();
    expect(likelyPlayed(at(`/t/${IH.slice(1)}?play=0`))).toBeNull();
    expect(likelyPlayed(at(`/stream/${IH}/0?play=0`))).toBeNull();
    expect(likelyPlayed(at(`/t/${IH}/extra?play=0`))).toBeNull();
  });
});

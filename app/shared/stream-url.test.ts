import { describe, expect, it } from 'vitest';
import { parseStreamPath, streamPath } from './stream-url';

const HASH = 'c12fe1c06bba254a9dc9f519b335aa7c1367a88a';

describe('stream URLs', () => {
  it('parses with and without a file name', () => {
    expect(parseStreamPath(`/stream/${HASH}/0`)).toEqual({ infoHash: HASH, fileIndex: 0 });
    expect(parseStreamPath(`/stream/${HASH.toUpperCase()}/12/My%20Movie.mp4`)).toEqual({ infoHash: HASH, fileIndex: 12 });
  });

  it('rejects malformed paths', () => {
    for (const path of ['/stream/abc/0', `/stream/${HASH}`, `/stream/${HASH}/-1`, `/stream/${HASH}/x`, `/stream/${HASH}/0/a/b`]) {
      expect(parseStreamPath(path)).toBeNull();
    }
  });

  it('round-trips names that need escaping', () => {
    const path = streamPath(HASH, { index: 3, name: 'a b/#?.mkv' });
    expect(path).toBe(`/stream/${HASH}/3/a%20b%2F%23%3F.mkv`);
    expect(parseStreamPath(path)).toEqual({ infoHash: HASH, fileIndex: 3 });
  });
});

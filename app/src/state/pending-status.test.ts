import { describe, expect, it } from 'vitest';
import { parseTorrentInput } from '../../shared/input';
import { pendingStatus } from './pending-status';

const HASH = 'ed818195eab039fb6d40629ef600e14e4ddd02eb';

describe('pendingStatus', () => {
  it("is the magnet's torrent waiting for metadata, named by its dn=", () => {
    const input = parseTorrentInput(`magnet:?xt=urn:btih:${HASH}&dn=Big%20Film.mp4`);
    if (input.kind !== 'magnet') throw new Error('a magnet');
    const status = pendingStatus(input, 1234);
    expect(status).toMatchObject({ infoHash: HASH, name: 'Big Film.mp4', state: 'metadata', length: null, progress: 0, files: [], addedAt: 1234 });
    expect(status.magnetURI).toBe(input.magnetURI);
  });

  it('has no name for a bare info hash', () => {
    const input = parseTorrentInput(HASH);
    if (input.kind !== 'magnet') throw new Error('a magnet');
    expect(pendingStatus(input, 0).name).toBeNull();
  });
});

import { createHash } from 'node:crypto';
import bencode from 'bencode';
import { describe, expect, it } from 'vitest';
import { readTorrentFile } from './torrent-file';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

function torrentBytes(extra: Record<string, unknown> = {}, info: Record<string, unknown> = {}): Uint8Array {
  return bencode.encode({
    announce: enc('ws://127.0.0.1:8080/announce'),
    info: { length: 3, name: enc('a.txt'), 'piece length': 16384, pieces: new Uint8Array(20), ...info },
    ...extra,
  });
}

describe('readTorrentFile', () => {
  it('computes the info hash of the bencoded info dictionary', async () => {
    const bytes = torrentBytes({ 'announce-list': [[enc('wss://t.example/announce')]] });
    const decoded = bencode.decode(bytes) as { info: unknown };
    const expected = createHash('sha1').update(bencode.encode(decoded.info)).digest('hex');
    expect(await readTorrentFile(bytes)).toEqual({
      infoHash: expected,
      name: 'a.txt',
      announce: ['ws://127.0.0.1:8080/announce', 'wss://t.example/announce'],
    });
  });

  it.each([
    [new Uint8Array(0), /empty/],
    [enc('not bencode at all'), /not a valid .torrent/],
    [bencode.encode({ announce: enc('x') }), /not a valid .torrent/],
    [torrentBytes({}, { length: undefined, 'meta version': 2 }), /v2 only/],
  ])('rejects bad files in plain words (%#)', async (bytes, message) => {
    await expect(readTorrentFile(bytes)).rejects.toThrow(message);
  });
});

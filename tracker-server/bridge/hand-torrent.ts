import { createHash } from 'node:crypto';
import bencode from 'bencode';

/** One file as a .torrent lists it: raw path components, so tests can write hostile ones. */
export interface HandFile {
  path: string[];
  content: Buffer;
}

export interface HandTorrent {
  bytes: Uint8Array;
  infoHash: string;
}

/**
 * Bencodes a multi-file .torrent from its parts, with correct piece hashes,
 * and no checks at all: for tests that need torrents real tools refuse to make.
 */
export function handMadeTorrent(name: string, files: HandFile[], announce: string, pieceLength = 16_384): HandTorrent {
  const all = Buffer.concat(files.map((f) => f.content));
  const hashes: Buffer[] = [];
  for (let offset = 0; offset < all.length; offset += pieceLength) {
    hashes.push(createHash('sha1').update(all.subarray(offset, offset + pieceLength)).digest());
  }
  const info = {
    files: files.map((f) => ({ length: f.content.length, path: f.path })),
    name,
    'piece length': pieceLength,
    pieces: Buffer.concat(hashes),
  };
  const infoHash = createHash('sha1').update(bencode.encode(info)).digest('hex');
  return { bytes: bencode.encode({ announce, info }), infoHash };
}

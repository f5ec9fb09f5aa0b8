import type { TorrentRecord } from './db';

/**
 * For unit tests: a two-file torrent of 250 bytes in 100-byte pieces, a video
 * (bytes 0-149) and its subtitles (150-249), so piece 1 is shared by both.
 */
export function sampleRecord(infoHash: string, addedAt: number): TorrentRecord {
  return {
    infoHash,
    magnetURI: 'magnet:?xt=urn:btih:' + infoHash,
    displayName: 'Film',
    addedAt,
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
}

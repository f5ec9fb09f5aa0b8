import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { ByteRange } from '../../app/shared/range.ts';
import type { ByteReader } from '../http/byte-reader.ts';
import type { WebTorrentFile, WebTorrentTorrent } from '../vendor/webtorrent.ts';
import { whenVerified } from './piece-waits.ts';

/** A stream selection ranks before the bridge's background one (priority 0). */
const STREAM_PRIORITY = 1;

/**
 * Bytes `range.start`..`range.end` of a torrent file, read into the caller's
 * buffers. Missing pieces are fetched from the swarm with priority and read
 * as they are verified. A read rejects (so the response is cut, never passed
 * off as whole) if the torrent goes away before every byte was read.
 *
 * Bytes always come straight from the file on disk under the torrent's
 * folder (webtorrent writes each file there, at a path the bridge checked
 * stays inside it, and stores a piece before it marks it verified). Reading
 * verified runs in large reads costs a fraction of webtorrent's per-piece
 * store, which matters most while the bridge is still downloading.
 */
export function fileByteReader(torrent: WebTorrentTorrent, file: WebTorrentFile, range: ByteRange): ByteReader {
  return new FileBytes(torrent, file, range);
}

/** Piece indices (in the torrent) under a byte range of one file. */
function piecesUnder(file: Pick<WebTorrentFile, 'offset'>, pieceLength: number, range: ByteRange): { first: number; last: number } {
  return {
    first: Math.floor((file.offset + range.start) / pieceLength),
    last: Math.floor((file.offset + range.end) / pieceLength),
  };
}

class FileBytes implements ByteReader {
  readonly #torrent: WebTorrentTorrent;
  readonly #file: WebTorrentFile;
  readonly #end: number;
  readonly #lastPiece: number;
  #position: number;
  #handle: FileHandle | null = null;
  /** The pieces selected with priority while the file was incomplete, until closed. */
  #selected: { first: number; last: number } | null = null;

  constructor(torrent: WebTorrentTorrent, file: WebTorrentFile, range: ByteRange) {
    this.#torrent = torrent;
    this.#file = file;
    this.#position = range.start;
    this.#end = range.end;
    const pieces = piecesUnder(file, torrent.pieceLength, range);
    this.#lastPiece = pieces.last;
    if (!file.done) {
      torrent._select(pieces.first, pieces.last, STREAM_PRIORITY, null, true);
      this.#selected = pieces;
    }
  }

  async read(into: Buffer, signal: AbortSignal): Promise<Buffer | null> {
    const torrent = this.#torrent;
    const { pieceLength } = torrent;
    const { offset } = this.#file;
    while (this.#position <= this.#end) {
      if (torrent.destroyed) throw new Error('the torrent was removed from the server');
      const position = this.#position;
      const piece = Math.floor((offset + position) / pieceLength);
      if (!torrent.bitfield.get(piece)) {
        torrent.critical(piece, Math.min(piece + 1, this.#lastPiece));
        await whenVerified(torrent, piece, signal);
        continue;
      }
      // As far as verified pieces reach from here, up to what `into` holds.
      const want = Math.min(this.#end, position + into.length - 1);
      const wantPiece = Math.floor((offset + want) / pieceLength);
      let runEnd = piece;
      while (runEnd < wantPiece && torrent.bitfield.get(runEnd + 1)) runEnd += 1;
      const stop = Math.min(want, (runEnd + 1) * pieceLength - offset - 1);
      this.#handle ??= await open(path.join(torrent.path, this.#file.path), 'r');
      const { bytesRead } = await this.#handle.read(into, 0, stop - position + 1, position);
      if (bytesRead === 0) throw new Error(`the file ended at byte ${position} of a verified piece`);
      this.#position += bytesRead;
      return into.subarray(0, bytesRead);
    }
    return null;
  }

  async close(): Promise<void> {
    const selected = this.#selected;
    this.#selected = null;
    if (selected && !this.#torrent.destroyed) this.#torrent._deselect(selected.first, selected.last, true);
    const handle = this.#handle;
    this.#handle = null;
    await handle?.close();
  }
}

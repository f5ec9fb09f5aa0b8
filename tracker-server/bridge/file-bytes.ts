import { createReadStream } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { ByteRange } from '../../app/shared/range.ts';
import type { WebTorrentFile, WebTorrentTorrent } from '../vendor/webtorrent.ts';
import { whenVerified } from './piece-waits.ts';

/** Bytes buffered towards the socket, and the most read from disk in one call. */
const HIGH_WATER_MARK = 1024 * 1024;
/** A stream selection ranks before the bridge's background one (priority 0). */
const STREAM_PRIORITY = 1;

/**
 * Bytes `range.start`..`range.end` of a torrent file as a Node stream.
 * Missing pieces are fetched from the swarm with priority and streamed as
 * they are verified. The stream errors (so the response is cut, never passed
 * off as whole) if the torrent goes away before every byte was sent.
 *
 * Bytes always come straight from the file on disk under the torrent's
 * folder (webtorrent writes each file there, at a path the bridge checked
 * stays inside it, and stores a piece before it marks it verified). Reading
 * verified runs in large reads costs a fraction of webtorrent's per-piece
 * store, which matters most while the bridge is still downloading.
 */
export function fileByteStream(torrent: WebTorrentTorrent, file: WebTorrentFile, range: ByteRange): Readable {
  const filePath = path.join(torrent.path, file.path);
  if (file.done) return createReadStream(filePath, { ...range, highWaterMark: HIGH_WATER_MARK });
  const stop = new AbortController();
  const source = verifiedBytes(torrent, file, filePath, range, stop.signal);
  let pulling = false;
  return new Readable({
    highWaterMark: HIGH_WATER_MARK,
    read() {
      if (pulling) return;
      pulling = true;
      source.next().then(
        (step) => {
          pulling = false;
          this.push(step.done === true ? null : step.value);
        },
        (err: unknown) => this.destroy(err instanceof Error ? err : new Error(String(err))),
      );
    },
    destroy(err, callback) {
      // Ends a wait for a missing piece, so the generator lets go of its selection and file.
      stop.abort(new Error('the response was closed'));
      source.return(undefined).catch(() => undefined);
      callback(err);
    },
  });
}

/** Piece indices (in the torrent) under a byte range of one file. */
function piecesUnder(file: Pick<WebTorrentFile, 'offset'>, pieceLength: number, range: ByteRange): { first: number; last: number } {
  return {
    first: Math.floor((file.offset + range.start) / pieceLength),
    last: Math.floor((file.offset + range.end) / pieceLength),
  };
}

async function* verifiedBytes(
  torrent: WebTorrentTorrent,
  file: WebTorrentFile,
  filePath: string,
  range: ByteRange,
  signal: AbortSignal,
): AsyncGenerator<Buffer> {
  const { pieceLength } = torrent;
  const { first, last } = piecesUnder(file, pieceLength, range);
  torrent._select(first, last, STREAM_PRIORITY, null, true);
  let handle: FileHandle | null = null;
  try {
    let position = range.start;
    while (position <= range.end) {
      if (torrent.destroyed) throw new Error('the torrent was removed from the server');
      const piece = Math.floor((file.offset + position) / pieceLength);
      if (!torrent.bitfield.get(piece)) {
        torrent.critical(piece, Math.min(piece + 1, last));
        await whenVerified(torrent, piece, signal);
        continue;
      }
      // The whole run of verified pieces from here, in reads of up to HIGH_WATER_MARK.
      let runEnd = piece;
      while (runEnd < last && torrent.bitfield.get(runEnd + 1)) runEnd += 1;
      const runStop = Math.min(range.end, (runEnd + 1) * pieceLength - file.offset - 1);
      handle ??= await open(filePath, 'r');
      while (position <= runStop) {
        const length = Math.min(HIGH_WATER_MARK, runStop - position + 1);
        const buffer = Buffer.allocUnsafe(length);
        const { bytesRead } = await handle.read(buffer, 0, length, position);
        if (bytesRead === 0) throw new Error(`the file ended at byte ${position} of a verified piece`);
        position += bytesRead;
        yield bytesRead === length ? buffer : buffer.subarray(0, bytesRead);
      }
    }
  } finally {
    if (!torrent.destroyed) torrent._deselect(first, last, true);
    await handle?.close();
  }
}

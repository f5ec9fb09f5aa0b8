import { createReadStream } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { ByteRange } from '../../app/shared/range.ts';
import type { WebTorrentFile } from '../vendor/webtorrent.ts';

/** About one piece at a time in flight to the socket: webtorrent reads a piece per step. */
const HIGH_WATER_MARK = 1024 * 1024;

/**
 * Bytes `range.start`..`range.end` of a torrent file as a Node stream.
 * Missing pieces are fetched from the swarm with priority and streamed as
 * they are verified. The stream errors (so the response is cut, never passed
 * off as whole) if the torrent goes away before every byte was sent.
 *
 * A finished file is read straight from disk under `torrentDir` (webtorrent
 * writes each file there, at a path the bridge checked stays inside it):
 * about half the CPU of going through webtorrent's piece store.
 */
export function fileByteStream(file: WebTorrentFile, range: ByteRange, torrentDir: string | null): Readable {
  if (file.done && torrentDir !== null) {
    return createReadStream(path.join(torrentDir, file.path), { ...range, highWaterMark: HIGH_WATER_MARK });
  }
  return Readable.from(fileBytes(file, range), { objectMode: false, highWaterMark: HIGH_WATER_MARK });
}

async function* fileBytes(file: WebTorrentFile, { start, end }: ByteRange): AsyncGenerator<Buffer> {
  let remaining = end - start + 1;
  // webtorrent takes `end: 0` to mean "the whole file"; ask for one byte more and cut.
  const iterator = file[Symbol.asyncIterator]({ start, end: end === 0 && file.length > 1 ? 1 : end });
  try {
    while (remaining > 0) {
      const step = await iterator.next();
      if (step.done === true) break;
      const value: Uint8Array = step.value;
      const bytes = Buffer.from(value.buffer, value.byteOffset, Math.min(value.byteLength, remaining));
      remaining -= bytes.byteLength;
      yield bytes;
    }
  } finally {
    // Ends webtorrent's priority selection for this range.
    await iterator.return?.();
  }
  if (remaining > 0) throw new Error(`the torrent stopped with ${remaining} bytes of the range unsent`);
}

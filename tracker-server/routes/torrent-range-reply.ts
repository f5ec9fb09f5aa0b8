import type { FastifyReply, FastifyRequest } from 'fastify';
import { contentRange, parseRange, unsatisfiedRange, type ByteRange } from '../../app/shared/range.ts';
import type { Bridge, BridgeEntry } from '../bridge/bridge.ts';
import { fileByteReader } from '../bridge/file-bytes.ts';
import { sendError } from '../errors.ts';
import { readInTurn } from '../http/byte-reader.ts';
import { sendReader } from '../http/send-reader.ts';
import type { WebTorrentTorrent } from '../vendor/webtorrent.ts';
import { spansOf } from './torrent-spans.ts';

/**
 * Answers GET or HEAD with the torrent's bytes as one string (its files end
 * to end, as the pieces cover them), with HTTP Range: a client can then ask
 * for whole pieces in one request whatever the file boundaries. Missing bytes
 * are fetched from the swarm with priority and streamed as they are verified.
 */
export function sendTorrentRange(
  request: FastifyRequest,
  reply: FastifyReply,
  bridge: Bridge,
  entry: BridgeEntry,
  torrent: WebTorrentTorrent,
): FastifyReply {
  const { files } = torrent;
  const size = files.reduce((sum, file) => sum + file.length, 0);
  // As range-reply.ts: torrent bytes on the app's origin must never run as a page.
  reply.header('Content-Security-Policy', "sandbox; default-src 'none'");
  reply.header('X-Content-Type-Options', 'nosniff');
  reply.header('Accept-Ranges', 'bytes');
  const wanted = parseRange(request.headers.range, size);
  if (wanted.kind === 'unsatisfiable') {
    reply.header('Content-Range', unsatisfiedRange(size));
    return sendError(reply, 416, `The range "${request.headers.range ?? ''}" is outside the torrent's ${size} bytes.`);
  }
  const range: ByteRange | null = wanted.kind === 'partial' ? wanted.range : size > 0 ? { start: 0, end: size - 1 } : null;
  if (wanted.kind === 'partial') reply.code(206).header('Content-Range', contentRange(wanted.range, size));
  reply.type('application/octet-stream').header('Content-Length', String(range ? range.end - range.start + 1 : 0));
  bridge.touch(entry);
  if (request.method === 'HEAD' || range === null) return reply.send();

  const release = bridge.openReader(entry);
  reply.raw.once('close', release);
  // One file at a time, so only the file being sent holds a priority selection on the bridge.
  const readers = spansOf(torrent.files, range).map((span) => () => fileByteReader(torrent, span.file, span.range));
  void sendReader(reply, readInTurn(readers));
  return reply;
}

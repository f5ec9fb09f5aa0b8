import type { FastifyReply, FastifyRequest } from 'fastify';
import { contentRange, parseRange, unsatisfiedRange, type ByteRange } from '../../app/shared/range.ts';
import type { Bridge, BridgeEntry } from '../bridge/bridge.ts';
import { fileByteReader } from '../bridge/file-bytes.ts';
import { sendError } from '../errors.ts';
import type { WebTorrentFile, WebTorrentTorrent } from '../vendor/webtorrent.ts';
import { sendReader } from './send-reader.ts';

export interface RangeReplyOptions {
  contentType: string;
  /** Sets Content-Disposition: inline with the file's name. */
  fileName?: string;
}

/**
 * Answers GET or HEAD for one torrent file with HTTP Range support:
 * 206 with Content-Range for a satisfiable range, 200 for the whole file,
 * 416 otherwise. The body comes from the swarm as it arrives.
 */
export function sendFileRange(
  request: FastifyRequest,
  reply: FastifyReply,
  bridge: Bridge,
  entry: BridgeEntry,
  torrent: WebTorrentTorrent,
  file: WebTorrentFile,
  options: RangeReplyOptions,
): FastifyReply {
  const size = file.length;
  // Torrent files can be HTML or SVG; this origin also runs the app, so they must never run as pages here.
  reply.header('Content-Security-Policy', "sandbox; default-src 'none'");
  reply.header('X-Content-Type-Options', 'nosniff');
  reply.header('Accept-Ranges', 'bytes');
  if (options.fileName !== undefined) reply.header('Content-Disposition', inlineDisposition(options.fileName));

  const wanted = parseRange(request.headers.range, size);
  if (wanted.kind === 'unsatisfiable') {
    reply.header('Content-Range', unsatisfiedRange(size));
    return sendError(reply, 416, `The range "${request.headers.range ?? ''}" is outside the file's ${size} bytes.`);
  }
  let range: ByteRange | null = null;
  if (wanted.kind === 'partial') {
    range = wanted.range;
    reply.code(206).header('Content-Range', contentRange(range, size));
  } else if (size > 0) {
    range = { start: 0, end: size - 1 };
  }
  const length = range ? range.end - range.start + 1 : 0;
  reply.type(options.contentType).header('Content-Length', String(length));
  bridge.touch(entry);
  if (request.method === 'HEAD' || range === null) return reply.send();

  const release = bridge.openReader(entry);
  reply.raw.once('close', release);
  void sendReader(reply, fileByteReader(torrent, file, range));
  return reply;
}

/** RFC 6266 with an ASCII fallback, so any file name survives. */
function inlineDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

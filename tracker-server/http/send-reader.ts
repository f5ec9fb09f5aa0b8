import type { ServerResponse } from 'node:http';
import type { FastifyReply } from 'fastify';
import { giveBuffer, takeBuffer } from './buffer-pool.ts';
import type { ByteReader } from './byte-reader.ts';

/**
 * Sends the reply's status and headers, then `reader`'s bytes, through two
 * pooled buffers: one is read into while the socket writes the other. If
 * reading fails the response is cut, so a client never takes a short body
 * for a whole one; if the client goes, the reader's waits end. Never rejects.
 */
export async function sendReader(reply: FastifyReply, reader: ByteReader): Promise<void> {
  const res = reply.raw;
  const stop = new AbortController();
  const onClose = (): void => stop.abort(new Error('the response was closed'));
  res.once('close', onClose);
  // Fastify sends nothing more; its onResponse hooks (metrics, logs) still run when the response ends.
  reply.hijack();
  // `next` is read into while the socket writes `other`; they swap each turn.
  let next = takeBuffer();
  let other = takeBuffer();
  let writing: Promise<void> = Promise.resolve();
  try {
    for (const [name, value] of Object.entries(reply.getHeaders())) if (value !== undefined) res.setHeader(name, value);
    res.writeHead(reply.statusCode);
    for (;;) {
      const chunk = await reader.read(next, stop.signal);
      // The other buffer's write has to finish before the next read goes into it.
      await writing;
      if (!chunk) break;
      writing = writeChunk(res, chunk, stop.signal);
      // Observed now: it may fail while the next read still waits for a piece.
      writing.catch(() => undefined);
      [next, other] = [other, next];
    }
    res.end();
  } catch (err) {
    res.destroy(err instanceof Error ? err : new Error(String(err)));
  } finally {
    // A buffer goes back only once its write is done or the socket closed.
    await writing.catch(() => undefined);
    res.off('close', onClose);
    await reader.close().catch(() => undefined);
    giveBuffer(next);
    giveBuffer(other);
  }
}

/** Resolves once the socket has taken `chunk`; rejects if the write fails or the response closes first. */
function writeChunk(res: ServerResponse, chunk: Buffer, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason as Error);
    const onAbort = (): void => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    res.write(chunk, (err) => {
      signal.removeEventListener('abort', onAbort);
      if (err) reject(err);
      else resolve();
    });
  });
}

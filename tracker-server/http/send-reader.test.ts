import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { BODY_CHUNK_BYTES, idleBuffers } from './buffer-pool.ts';
import type { ByteReader } from './byte-reader.ts';
import { sendReader } from './send-reader.ts';

/** Reads `bytes` as a file would: as much as fits in the caller's buffer. */
function bytesReader(bytes: Buffer, events: string[], failAt = Infinity): ByteReader {
  let at = 0;
  return {
    read(into) {
      if (at >= failAt) return Promise.reject(new Error('the disk went away'));
      if (at >= bytes.length) return Promise.resolve(null);
      const n = bytes.copy(into, 0, at, Math.min(bytes.length, at + into.length));
      at += n;
      return Promise.resolve(into.subarray(0, n));
    },
    close() {
      events.push('closed');
      return Promise.resolve();
    },
  };
}

/** A reader whose first read waits until its signal aborts, as a wait for a missing piece does. */
function waitingReader(events: string[]): ByteReader {
  return {
    read(_into, signal) {
      events.push('waiting');
      return new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error)));
    },
    close() {
      events.push('closed');
      return Promise.resolve();
    },
  };
}

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
  expect(check()).toBe(true);
}

describe('sendReader', () => {
  let app: FastifyInstance;
  afterEach(() => app?.close());

  async function serve(make: () => ByteReader, length: number): Promise<{ url: string; responses: number[] }> {
    app = Fastify();
    const responses: number[] = [];
    app.addHook('onResponse', (_request, reply, done) => {
      responses.push(reply.statusCode);
      done();
    });
    app.get('/', (_request, reply) => {
      reply.code(206).type('application/octet-stream').header('Content-Length', String(length)).header('X-Test', 'kept');
      void sendReader(reply, make());
      return reply;
    });
    const url = await app.listen({ host: '127.0.0.1', port: 0 });
    return { url, responses };
  }

  it('sends the status, headers and every byte through two reused buffers, then closes the reader', async () => {
    const body = randomBytes(5 * BODY_CHUNK_BYTES + 12_345);
    const events: string[] = [];
    const { url, responses } = await serve(() => bytesReader(body, events), body.length);
    const idleBefore = idleBuffers();
    const res = await fetch(url);
    expect(res.status).toBe(206);
    expect(res.headers.get('x-test')).toBe('kept');
    expect(res.headers.get('content-type')).toBe('application/octet-stream');
    expect(Buffer.from(await res.arrayBuffer()).equals(body)).toBe(true);
    await until(() => events.includes('closed'));
    // Both buffers went back to the pool for the next response.
    await until(() => idleBuffers() === Math.max(idleBefore, 2));
    // Fastify's onResponse hooks (metrics, logs) still see the response.
    await until(() => responses.length === 1);
    expect(responses).toEqual([206]);
  });

  it('cuts the response when a read fails, so the client never takes a short body for a whole one', async () => {
    const body = randomBytes(3 * BODY_CHUNK_BYTES);
    const events: string[] = [];
    const { url } = await serve(() => bytesReader(body, events, BODY_CHUNK_BYTES), body.length);
    // Cut before or after the headers went out, depending on timing: either way, no whole body.
    const outcome = await fetch(url).then((res) => res.arrayBuffer()).then(() => 'whole', () => 'cut');
    expect(outcome).toBe('cut');
    await until(() => events.includes('closed'));
  });

  it('ends the reader\'s wait and closes it when the client goes away', async () => {
    const events: string[] = [];
    const { url } = await serve(() => waitingReader(events), 1000);
    const req = request(url);
    req.on('error', () => undefined);
    req.end();
    await until(() => events.includes('waiting'));
    req.destroy();
    await until(() => events.includes('closed'));
    // The server is still up.
    const again = await fetch(`${url}/missing`);
    expect(again.status).toBe(404);
  });
});

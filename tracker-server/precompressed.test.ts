import { access, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompressFile } from '../scripts/precompress-plugin.ts';
import { startTestServer, type TestServer } from './test-support.ts';

/** A built script large enough to be worth compressing. */
const SCRIPT = '/assets/engine-Zz9.js';
const BODY = Array.from({ length: 2000 }, (_, i) => `export const value${i} = ${i} * 2;\n`).join('');
const SMALL = '/assets/tiny-Aa1.js';
const PAGE = `<!doctype html><html><head><title>BT Stream</title></head><body>${'<p>shell</p>'.repeat(200)}</body></html>`;

/** The bytes as sent, undecoded (fetch would decode them). */
function rawGet(url: string, acceptEncoding: string, accept = '*/*') {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; bytes: number }>(
    (resolve, reject) => {
      const req = request(url, { headers: { accept, 'accept-encoding': acceptEncoding } }, (res) => {
        let bytes = 0;
        res.on('data', (chunk: Buffer) => (bytes += chunk.length));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, bytes }));
      });
      req.on('error', reject);
      req.end();
    },
  );
}

describe('precompressed app files', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
    await writeFile(path.join(server.distDir, SCRIPT), BODY);
    await writeFile(path.join(server.distDir, SMALL), 'export {};\n');
    // A stale copy beside a file that is no longer worth compressing goes.
    await writeFile(path.join(server.distDir, `${SMALL}.br`), 'stale');
    await writeFile(path.join(server.distDir, 'index.html'), PAGE);
    for (const file of [SCRIPT, SMALL, '/index.html']) await precompressFile(path.join(server.distDir, file));
  });
  afterAll(async () => {
    await server.stop();
  });

  it('writes Brotli and gzip copies of a large text file, and none of a small one', async () => {
    await expect(access(path.join(server.distDir, `${SCRIPT}.br`))).resolves.toBeUndefined();
    await expect(access(path.join(server.distDir, `${SCRIPT}.gz`))).resolves.toBeUndefined();
    await expect(access(path.join(server.distDir, `${SMALL}.br`))).rejects.toThrow();
  });

  it.each([
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip', 'gzip'],
    ['identity', undefined],
  ])('sends the copy the browser accepts (%s), which decodes to the file', async (accepted, encoding) => {
    const raw = await rawGet(`${server.url}${SCRIPT}`, accepted);
    expect(raw.status).toBe(200);
    expect(raw.headers['content-encoding']).toBe(encoding);
    expect(raw.headers.vary).toMatch(/accept-encoding/i);
    expect(raw.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    if (encoding) expect(raw.bytes).toBeLessThan(BODY.length / 4);
    else expect(raw.bytes).toBe(BODY.length);
    const decoded = await fetch(`${server.url}${SCRIPT}`, { headers: { 'accept-encoding': accepted } });
    expect(await decoded.text()).toBe(BODY);
  });

  it("answers an app route with the page's Brotli copy", async () => {
    const raw = await rawGet(`${server.url}/add?uri=magnet%3A%3Fxt%3Durn%3Abtih%3A${'a'.repeat(40)}`, 'br', 'text/html');
    expect(raw.headers['content-encoding']).toBe('br');
    expect(raw.headers['cache-control']).toBe('no-cache');
    const page = await fetch(`${server.url}/t/${'a'.repeat(40)}`, { headers: { accept: 'text/html' } });
    expect(await page.text()).toBe(PAGE);
  });

  it('sends a small file as it is', async () => {
    const raw = await rawGet(`${server.url}${SMALL}`, 'br');
    expect(raw.status).toBe(200);
    expect(raw.headers['content-encoding']).toBeUndefined();
  });
});

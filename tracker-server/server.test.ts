import { rm } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HASHED_ASSET, INDEX_HTML, rawGet, startTestServer, type TestServer } from './test-support.ts';

const HTML = { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

describe('server', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({ ICE_SERVERS: 'stun:stun.example.org:3478' });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('listens where it says', () => {
    expect(server.port).toBeGreaterThan(0);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
  });

  it('answers /health', async () => {
    const res = await fetch(`${server.url}/health`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const { uptimeSeconds, ...rest } = (await res.json()) as { uptimeSeconds: unknown };
    expect(rest).toEqual({ status: 'ok', tracker: { torrents: 0, peers: 0 } });
    expect(Number.isInteger(uptimeSeconds) && (uptimeSeconds as number) >= 0).toBe(true);
  });

  it('gives the browser engine its tracker and ICE servers', async () => {
    const res = await fetch(`${server.url}/api/config`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      announce: [`ws://127.0.0.1:${server.port}/announce`],
      iceServers: [{ urls: 'stun:stun.example.org:3478' }],
    });
  });

  it('derives the announce URL from the Host header the browser used', async () => {
    const res = await rawGet(`${server.url}/api/config`, { host: 'stream.example.test:9000' });
    expect(res.status).toBe(200);
    const body = JSON.parse(res.body) as { announce: string[] };
    expect(body.announce).toEqual(['ws://stream.example.test:9000/announce']);
  });

  it('refuses a Host header that is not host[:port]', async () => {
    const res = await rawGet(`${server.url}/api/config`, { host: 'evil.test/path?x=' });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toEqual({ error: 'The request has no valid Host header.' });
  });

  const unhashed = ['/', '/index.html', '/sw.js', '/manifest.webmanifest'];
  it.each(unhashed)('sends %s with Cache-Control: no-cache', async (p) => {
    const res = await fetch(`${server.url}${p}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-cache');
  });

  it('sends hashed assets with a long immutable cache', async () => {
    const res = await fetch(`${server.url}${HASHED_ASSET}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('console.log("app");\n');
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it.each(['/add?uri=magnet%3A%3Fxt%3Durn%3Abtih%3Aabc', `/t/${'c'.repeat(40)}`, '/some/deep/route'])(
    'serves index.html for the app route %s',
    async (p) => {
      const res = await fetch(`${server.url}${p}`, { headers: HTML });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(await res.text()).toBe(INDEX_HTML);
    },
  );

  it.each(['/api/x', '/api', '/announce/x', '/health/x', '/assets/missing-123.js'])(
    'gives %s a JSON 404, not index.html',
    async (p) => {
      const res = await fetch(`${server.url}${p}`, { headers: HTML });
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await res.json()).toEqual({ error: `Not found: GET ${p}` });
    },
  );

  it('gives a missing file fetched as */* a 404, not index.html', async () => {
    const res = await fetch(`${server.url}/missing.js`, { headers: { accept: '*/*' } });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'Not found: GET /missing.js' });
  });

  it('does not answer non-GET navigations with index.html', async () => {
    const res = await fetch(`${server.url}/t/abc`, { method: 'POST', headers: HTML, body: 'x' });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'Not found: POST /t/abc' });
  });

  it('explains how to add a torrent the server does not stream', async () => {
    const infoHash = 'd'.repeat(40);
    const res = await fetch(`${server.url}/stream/${infoHash}/0/video.mp4`, { headers: HTML });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error:
        `This server is not streaming torrent ${infoHash}. Add it first: POST /api/torrents with ` +
        `{"uri": "magnet:?xt=urn:btih:${infoHash}"} (or open the link in the app, which plays it from the browser).`,
    });
  });

  it('answers a malformed stream URL with a JSON 400, not index.html', async () => {
    const res = await fetch(`${server.url}/stream/x`, { headers: HTML });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: 'A stream URL is /stream/<infoHash>/<fileIndex>[/<fileName>], e.g. /stream/<40 hex>/0.',
    });
  });

  it('answers a malformed URL with a JSON 400', async () => {
    const res = await fetch(`${server.url}/t/%E0%A4%A`, { headers: HTML });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: unknown };
    expect(typeof body.error).toBe('string');
  });
});

describe('server without a built app', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer();
    // Built apps can vanish (a rebuild in progress); navigations must not loop or crash.
    await rm(path.join(server.distDir, 'index.html'));
  });
  afterAll(async () => {
    await server.stop();
  });

  it('answers app routes with a JSON 503 saying how to build', async () => {
    const res = await fetch(`${server.url}/t/abc`, { headers: HTML });
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ error: 'The app is not built yet. Run `npm run build`, then reload.' });
  });

  it('still serves the API', async () => {
    const res = await fetch(`${server.url}/health`);
    expect(res.status).toBe(200);
  });
});

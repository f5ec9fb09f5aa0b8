import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handMadeTorrent } from './bridge/hand-torrent.ts';
import { startTestServer, type TestServer } from './test-support.ts';

const HASH_A = 'a1'.repeat(20);
const HASH_B = 'b2'.repeat(20);
const HASH_C = 'c3'.repeat(20);

function postJson(server: TestServer, body: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${server.url}/api/torrents`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
}

async function errorOf(res: Response): Promise<string> {
  const body = (await res.json()) as { error: unknown };
  expect(typeof body.error).toBe('string');
  return body.error as string;
}

async function listed(server: TestServer): Promise<string[]> {
  const body = (await (await fetch(`${server.url}/api/torrents`)).json()) as { torrents: { infoHash: string }[] };
  return body.torrents.map((t) => t.infoHash);
}

describe('API: bad client data gets a 4xx in plain words', () => {
  let server: TestServer;
  let files: http.Server;
  let filesUrl: string;
  const good = handMadeTorrent('From a link', [{ path: ['a.mp4'], content: randomBytes(1000) }], 'http://127.0.0.1:1/announce');

  beforeAll(async () => {
    server = await startTestServer();
    // A plain web server offering .torrent links.
    files = http.createServer((req, res) => {
      if (req.url === '/good.torrent') return res.end(Buffer.from(good.bytes));
      if (req.url === '/junk.torrent') return res.end('<html>not a torrent</html>');
      res.statusCode = 404;
      res.end();
    });
    files.listen(0, '127.0.0.1');
    await once(files, 'listening');
    filesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    files.close();
    await server.stop();
  });

  it.each([
    ['a malformed magnet', JSON.stringify({ uri: 'magnet:?xt=urn:btih:nothex' }), 400, /magnet link/],
    ['words', JSON.stringify({ uri: 'hello there' }), 400, /not a magnet link, an info hash or a link/],
    ['another scheme', JSON.stringify({ uri: 'ftp://example.org/a.torrent' }), 400, /Only magnet links and http\(s\) links/],
    ['a blank uri', JSON.stringify({ uri: '   ' }), 400, /Paste a magnet link/],
    ['no uri', JSON.stringify({}), 400, /uri/],
    ['an object uri', JSON.stringify({ uri: { a: 1 } }), 400, /body\/uri must be string/],
    ['a JSON string', JSON.stringify('magnet:?xt=urn:btih:x'), 400, /body must be object/],
    ['broken JSON', '{"uri": ', 400, /JSON/],
  ])('refuses %s', async (_label, body, status, message) => {
    const res = await postJson(server, body);
    expect(res.status).toBe(status);
    expect(await errorOf(res)).toMatch(message);
  });

  it.each([
    ['garbage', Buffer.from('this is not bencode'), /not a valid \.torrent file/],
    ['an empty body', Buffer.alloc(0), /empty/],
    ['a bencoded list', Buffer.from('l4:spame'), /not a valid \.torrent file/],
  ])('refuses a .torrent body of %s', async (_label, body, message) => {
    const res = await fetch(`${server.url}/api/torrents`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-bittorrent' },
      body,
    });
    expect(res.status).toBe(400);
    expect(await errorOf(res)).toMatch(message);
  });

  it.each([
    ['text/plain', 'x'],
    ['text/plain', JSON.stringify({ uri: HASH_A })],
    ['application/x-www-form-urlencoded', 'uri=x'],
  ])('refuses a %s body with 415', async (type, body) => {
    const res = await fetch(`${server.url}/api/torrents`, { method: 'POST', headers: { 'content-type': type }, body });
    expect(res.status).toBe(415);
    expect(await errorOf(res)).toMatch(/Content-Type: application\/json|Unsupported Media Type/);
  });

  it('refuses a POST without a body with 415', async () => {
    const res = await fetch(`${server.url}/api/torrents`, { method: 'POST' });
    expect(res.status).toBe(415);
    expect(await errorOf(res)).toMatch(/Send JSON/);
  });

  it('downloads a .torrent link', async () => {
    const res = await postJson(server, JSON.stringify({ uri: `${filesUrl}/good.torrent` }));
    expect(res.status).toBe(201);
    expect(await res.json()).toEqual({ infoHash: good.infoHash, name: 'From a link' });
  });

  it.each([
    ['answers 404', '/missing.torrent', 502, /answered HTTP 404/],
    ['is not a torrent', '/junk.torrent', 400, /not a valid \.torrent file/],
  ])('says so when a .torrent link %s', async (_label, p, status, message) => {
    const res = await postJson(server, JSON.stringify({ uri: `${filesUrl}${p}` }));
    expect(res.status).toBe(status);
    expect(await errorOf(res)).toMatch(message);
  });

  it('says so when a .torrent link cannot be reached', async () => {
    const res = await postJson(server, JSON.stringify({ uri: 'http://127.0.0.1:1/a.torrent' }));
    expect(res.status).toBe(502);
    expect(await errorOf(res)).toBe('The .torrent link was not downloaded: it could not be reached.');
  });

  it.each([
    ['GET', '/api/torrents/xyz', 400, /40 hexadecimal characters/],
    ['GET', `/api/torrents/${HASH_C}`, 404, /not streaming torrent/],
    ['DELETE', `/api/torrents/${HASH_C}`, 404, /not streaming torrent/],
    ['GET', `/api/torrents/${HASH_C}/torrent`, 404, /not streaming torrent/],
    ['GET', '/webseed/nothex', 400, /web seed URL/],
    ['GET', `/webseed/${HASH_C}`, 404, /not streaming torrent/],
    ['GET', `/stream/${HASH_C}/x`, 400, /stream URL/],
  ])('answers %s %s with %i', async (method, p, status, message) => {
    const res = await fetch(`${server.url}${p}`, { method });
    expect(res.status).toBe(status);
    expect(await errorOf(res)).toMatch(message);
  });

  it('answers 409 for the .torrent before the metadata has arrived', async () => {
    expect((await postJson(server, JSON.stringify({ uri: HASH_B }))).status).toBe(201);
    const res = await fetch(`${server.url}/api/torrents/${HASH_B}/torrent`);
    expect(res.status).toBe(409);
    expect(await errorOf(res)).toMatch(/metadata yet/);
    const status = (await (await fetch(`${server.url}/api/torrents/${HASH_B}`)).json()) as Record<string, unknown>;
    expect(status).toMatchObject({ infoHash: HASH_B, name: null, length: null, ready: false, files: [] });
  });

  it('is still healthy after all that', async () => {
    const res = await fetch(`${server.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok' });
  });
});

describe('API: token, rate limit and CORS', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startTestServer({
      API_TOKEN: 'let-me-in',
      RATE_LIMIT_MAX: '8',
      RATE_LIMIT_WINDOW_SECONDS: '600',
      CORS_ORIGINS: 'https://app.example.org',
    });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('needs the token for changes, not for reads', async () => {
    const none = await postJson(server, JSON.stringify({ uri: HASH_A }));
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect(await errorOf(none)).toMatch(/needs an API token/);
    const wrong = await postJson(server, JSON.stringify({ uri: HASH_A }), { authorization: 'Bearer nope' });
    expect(wrong.status).toBe(401);
    expect(await errorOf(wrong)).toBe('The API token is wrong.');
    const right = await postJson(server, JSON.stringify({ uri: HASH_A }), { authorization: 'Bearer let-me-in' });
    expect(right.status).toBe(201);
    expect((await fetch(`${server.url}/api/torrents`)).status).toBe(200);
  });

  it('lets configured origins call the API, and no others', async () => {
    const preflight = (origin: string): Promise<Response> =>
      fetch(`${server.url}/api/torrents`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
      });
    const allowed = await preflight('https://app.example.org');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example.org');
    const other = await preflight('https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('limits /api requests per client, and only /api', async () => {
    let res: Response;
    do res = await fetch(`${server.url}/api/torrents`);
    while (res.status === 200);
    expect(res.status).toBe(429);
    expect(await errorOf(res)).toMatch(/^Too many requests: at most 8 per 10 minutes\. Try again later\.$/);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    expect((await fetch(`${server.url}/metrics`)).status).toBe(200);
  });
});

describe('bridge limits', () => {
  it('makes room for a new torrent by dropping the least recently used one', async () => {
    const server = await startTestServer({ BRIDGE_MAX_TORRENTS: '2' });
    try {
      for (const hash of [HASH_A, HASH_B]) expect((await postJson(server, JSON.stringify({ uri: hash }))).status).toBe(201);
      // Reading A makes B the least recently used.
      expect((await fetch(`${server.url}/api/torrents/${HASH_A}`)).status).toBe(200);
      expect((await postJson(server, JSON.stringify({ uri: HASH_C }))).status).toBe(201);
      expect((await listed(server)).sort()).toEqual([HASH_A, HASH_C]);
    } finally {
      await server.stop();
    }
  });

  it('drops torrents nobody used for BRIDGE_IDLE_SECONDS', async () => {
    const server = await startTestServer({ BRIDGE_IDLE_SECONDS: '1' });
    try {
      expect((await postJson(server, JSON.stringify({ uri: HASH_A }))).status).toBe(201);
      await expect.poll(() => listed(server), { timeout: 10_000 }).toEqual([]);
    } finally {
      await server.stop();
    }
  });
});

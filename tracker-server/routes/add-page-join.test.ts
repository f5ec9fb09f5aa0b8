import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addByUri, INDEX_HTML, rawGet, startTestServer, type TestServer } from '../test-support.ts';
import { addPageJoin } from './add-page-join.ts';

const HASH = 'c12fe1c06bba254a9dc9f519b335aa7c1367a88a';
const magnet = (...trackers: string[]): string =>
  `magnet:?xt=urn:btih:${HASH}${trackers.map((t) => `&tr=${encodeURIComponent(t)}`).join('')}`;
const NAVIGATION = { 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'document', accept: 'text/html' };
const addUrl = (uri: string): string => `/add?uri=${encodeURIComponent(uri)}`;
const request = (url: string, headers: Record<string, string> = NAVIGATION, method = 'GET') => ({ method, url, headers });

describe('addPageJoin', () => {
  it('joins a browser navigation to /add with a magnet or info hash of a TCP swarm', () => {
    expect(addPageJoin(request(addUrl(magnet('http://127.0.0.1:1/announce'))))).toMatchObject({ kind: 'magnet', infoHash: HASH });
    expect(addPageJoin(request(addUrl(HASH.toUpperCase())))).toMatchObject({ kind: 'magnet', infoHash: HASH });
  });

  it('leaves alone what the engine would not join at once, or not from a navigation', () => {
    expect(addPageJoin(request(addUrl(magnet('wss://t.example/announce'))))).toBeNull();
    expect(addPageJoin(request(addUrl('https://example.org/a.torrent')))).toBeNull();
    expect(addPageJoin(request(addUrl('not a magnet')))).toBeNull();
    expect(addPageJoin(request('/add'))).toBeNull();
    expect(addPageJoin(request('/add?url=x'))).toBeNull();
    expect(addPageJoin(request(addUrl(HASH), {}))).toBeNull();
    expect(addPageJoin(request(addUrl(HASH), { 'sec-fetch-mode': 'navigate', 'sec-fetch-dest': 'iframe' }))).toBeNull();
    expect(addPageJoin(request(addUrl(HASH), NAVIGATION, 'HEAD'))).toBeNull();
    // The user's Settings turned the app's own bridge off.
    expect(addPageJoin(request(addUrl(HASH), { ...NAVIGATION, cookie: 'btstream-own-bridge=off' }))).toBeNull();
    expect(addPageJoin(request(`/t/${HASH}?uri=${HASH}`))).toBeNull();
  });
});

async function bridgeHas(server: TestServer, infoHash: string): Promise<boolean> {
  const res = await fetch(`${server.url}/api/torrents`);
  const { torrents } = (await res.json()) as { torrents: { infoHash: string }[] };
  return torrents.some((t) => t.infoHash === infoHash);
}

describe('the /add page on a real server', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.stop();
  });

  it('serves the app and has the bridge join the magnet while it loads', async () => {
    const res = await rawGet(`${server.url}${addUrl(magnet(`${server.url}/announce`))}`, NAVIGATION);
    expect(res).toEqual({ status: 200, body: INDEX_HTML });
    await expect.poll(() => bridgeHas(server, HASH)).toBe(true);
    // The engine's own join then finds it.
    const joined = await addByUri(server, magnet(`${server.url}/announce`));
    expect(joined.status).toBe(200);
  });
});

describe('the /add page and the API rate limit', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ RATE_LIMIT_MAX: '1' });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('counts pages that have the bridge join, not other navigations', async () => {
    const page = (path: string) => rawGet(`${server.url}${path}`, NAVIGATION);
    expect((await page('/')).status).toBe(200);
    expect((await page(addUrl(magnet('wss://t.example/announce')))).status).toBe(200);
    expect((await page(addUrl(HASH))).status).toBe(200);
    const res = await page(addUrl('0123456789abcdef0123456789abcdef01234567'));
    expect(res.status).toBe(429);
    expect((JSON.parse(res.body) as { error: string }).error).toMatch(/^Too many requests/);
  });
});

describe('the /add page on a server with an API token', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ API_TOKEN: 'secret-token' });
  });
  afterAll(async () => {
    await server.stop();
  });

  it('serves the app without joining: only a request with the token may', async () => {
    expect((await rawGet(`${server.url}${addUrl(HASH)}`, NAVIGATION)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    expect(await bridgeHas(server, HASH)).toBe(false);
  });
});

import { randomBytes } from 'node:crypto';
import bencode from 'bencode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handMadeTorrent } from './bridge/hand-torrent.ts';
import { startTestServer, type TestServer } from './test-support.ts';

const put = (server: TestServer, infoHash: string, body: Uint8Array | string, type = 'application/x-bittorrent') =>
  fetch(`${server.url}/api/torrents/${infoHash}/torrent`, { method: 'PUT', headers: { 'content-type': type }, body: typeof body === 'string' ? body : Buffer.from(body) });

describe('PUT /api/torrents/<ih>/torrent: metadata a browser publishes', () => {
  let server: TestServer;
  const made = handMadeTorrent('Shared clip', [{ path: ['clip.mp4'], content: randomBytes(40_000) }], 'wss://t.example/announce');

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it('is served by GET without the bridge joining the swarm', async () => {
    expect((await put(server, made.infoHash, made.bytes)).status).toBe(204);
    const res = await fetch(`${server.url}/api/torrents/${made.infoHash}/torrent?webseed=0`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-bittorrent');
    const root = bencode.decode(new Uint8Array(await res.arrayBuffer())) as Record<string, unknown>;
    // The info dictionary only: the publisher's trackers are not handed on.
    expect(Object.keys(root)).toEqual(['info']);
    expect(Buffer.from(bencode.encode(root.info))).toEqual(
      Buffer.from(bencode.encode((bencode.decode(made.bytes) as { info: unknown }).info)),
    );
    const list = (await (await fetch(`${server.url}/api/torrents`)).json()) as { torrents: unknown[] };
    expect(list.torrents).toEqual([]);
  });

  it.each([
    ['another torrent', () => handMadeTorrent('Other', [{ path: ['o.bin'], content: randomBytes(100) }], 'wss://x/a').bytes, 400, /is torrent [0-9a-f]{40}, not/],
    ['garbage', () => Buffer.from('not bencode'), 400, /not a valid \.torrent file/],
    ['nothing', () => Buffer.alloc(0), 400, /empty/],
  ])('refuses %s with a message', async (_label, body, status, message) => {
    const res = await put(server, 'cd'.repeat(20), body());
    expect(res.status).toBe(status);
    expect(((await res.json()) as { error: string }).error).toMatch(message);
  });

  it('refuses a malformed info hash and a JSON body', async () => {
    const bad = await put(server, 'xyz', made.bytes);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/40 hexadecimal/);
    const json = await put(server, made.infoHash, JSON.stringify({ uri: 'x' }), 'application/json');
    expect(json.status).toBe(415);
  });

  it('still answers 404 for metadata nobody published', async () => {
    const res = await fetch(`${server.url}/api/torrents/${'ef'.repeat(20)}/torrent`);
    expect(res.status).toBe(404);
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
  });
});

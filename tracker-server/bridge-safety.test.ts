import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import net from 'node:net';
import bencode from 'bencode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handMadeTorrent, type HandFile } from './bridge/hand-torrent.ts';
import { freePort } from '../tests/fixtures/processes.ts';
import { addByUri, isolatedClient, startTestServer, type TestServer } from './test-support.ts';
import type { WebTorrentClient } from './vendor/webtorrent.ts';

const ESCAPED = 'escaped.txt';

/** Every file name under `dir`, recursively. */
async function allNames(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.map((e) => e.name);
}

async function postTorrent(server: TestServer, bytes: Uint8Array): Promise<Response> {
  return fetch(`${server.url}/api/torrents`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-bittorrent' },
    body: Buffer.from(bytes),
  });
}

function hostileFiles(...paths: string[][]): HandFile[] {
  return paths.map((p) => ({ path: p, content: randomBytes(20_000) }));
}

describe('bridge: torrents whose file names point outside their folder', () => {
  let server: TestServer;
  let root: string;

  beforeAll(async () => {
    server = await startTestServer();
    // The temp folder holding the server's DATA_DIR and DIST_DIR: nothing may land here but those.
    root = path.dirname(server.dataDir);
  });
  afterAll(async () => {
    await server.stop();
  });

  it.each([
    ['a ../../x path', 'evil', [['..', '..', ESCAPED]]],
    ['a deep ../ path', 'evil', [['ok.txt'], ['..', '..', '..', '..', ESCAPED]]],
    ['a slash inside a component', 'evil', [[`../../../../${ESCAPED}`]]],
    ['an absolute component', 'evil', [['/tmp', ESCAPED]]],
    ['a ../ torrent name', '../../..', [[ESCAPED]]],
  ] as const)('refuses a .torrent with %s, writing nothing', async (_label, name, paths) => {
    const torrent = handMadeTorrent(name, hostileFiles(...paths.map((p) => [...p])), `${server.url}/announce`);
    const res = await postTorrent(server, torrent.bytes);
    expect(res.status).toBe(400);
    const { error } = (await res.json()) as { error: string };
    expect(error).toMatch(/^This torrent was refused: its file name ".+" would be written outside the torrent's folder\.$/);
    expect((await fetch(`${server.url}/api/torrents/${torrent.infoHash}`)).status).toBe(404);
    expect(await allNames(root)).not.toContain(ESCAPED);
  });

  it('refuses a single-file .torrent named ../../x', async () => {
    const content = randomBytes(1000);
    const info = {
      length: content.length,
      name: `../../${ESCAPED}`,
      'piece length': 16_384,
      pieces: Buffer.alloc(20),
    };
    const res = await postTorrent(server, bencode.encode({ announce: `${server.url}/announce`, info }));
    expect(res.status).toBe(400);
    expect(await allNames(root)).not.toContain(ESCAPED);
  });

  describe('when the hostile metadata arrives from a peer (magnet link)', () => {
    let seedDir: string;
    let seeder: WebTorrentClient;
    let infoHash: string;

    beforeAll(async () => {
      seedDir = await mkdtemp(path.join(tmpdir(), 'btstream-hostile-seed-'));
      const content = randomBytes(50_000);
      const torrent = handMadeTorrent('evil', [{ path: ['..', '..', '..', '..', ESCAPED], content }], `${server.url}/announce`);
      infoHash = torrent.infoHash;
      // webtorrent itself flattens the path to `escaped.txt` under its folder; it still hands out the raw metadata.
      await writeFile(path.join(seedDir, ESCAPED), content);
      seeder = isolatedClient({ webSeeds: false, tracker: { wrtc: false } });
      const seeding = seeder.add(torrent.bytes, { path: seedDir });
      await new Promise<void>((resolve) => seeding.once('done', resolve));
    });
    afterAll(async () => {
      await new Promise<void>((resolve) => seeder.destroy(() => resolve()));
      await rm(seedDir, { recursive: true, force: true });
    });

    it('drops the torrent once the metadata shows the hostile path, and writes nothing', async () => {
      const res = await addByUri(server, `magnet:?xt=urn:btih:${infoHash}&tr=${encodeURIComponent(`${server.url}/announce`)}`);
      expect(res.status).toBe(201);
      await expect
        .poll(async () => ((await (await fetch(`${server.url}/api/torrents/${infoHash}`)).json()) as { error: string | null }).error, {
          timeout: 30_000,
        })
        .toBe(`its file name "../../../../${ESCAPED}" would be written outside the torrent's folder, so it was refused.`);
      const stream = await fetch(`${server.url}/stream/${infoHash}/0`);
      expect(stream.status).toBe(409);
      expect(await allNames(root)).not.toContain(ESCAPED);
      expect(await allNames(path.join(server.dataDir, 'bridge'))).toEqual([]);
    }, 60_000);
  });
});

/** Sends `bytes` to a BitTorrent port; resolves true once the other end closes, false if it has not after `ms`. */
function closedAfterSending(port: number, bytes: Buffer, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(bytes));
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(false);
    }, ms);
    socket.on('error', () => {});
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

describe('bridge: a peer that opens an encrypted connection with a key no client sends', () => {
  let server: TestServer;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    server = await startTestServer({ BRIDGE_PORT: String(port) });
  });
  afterAll(async () => {
    await server.stop();
  });

  // A first byte other than 19 starts MSE: 96 bytes of public key, then up to 512 of padding.
  it.each([
    ['zero', Buffer.alloc(96)],
    ['one', Buffer.concat([Buffer.alloc(95), Buffer.from([1])])],
    ['above the prime', Buffer.alloc(96, 0xff)],
  ])('a key of %s: its connection is closed and the server stays healthy', async (_label, key) => {
    expect(await closedAfterSending(port, Buffer.concat([key, randomBytes(64)]), 5000)).toBe(true);
    const health = await fetch(`${server.url}/health`);
    expect(health.status).toBe(200);
  });
});

import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTorrent, seedWithAria2, type Aria2Seeder, type MadeTorrent } from '../tests/fixtures/aria2.ts';
import { readTorrentFile } from '../app/shared/torrent-file.ts';
import { fileExists } from './files.ts';
import type { TorrentStatus } from './bridge/torrent-status.ts';
import { addByUri, isolatedClient, startTestServer, type TestServer } from './test-support.ts';
import type { WebTorrentClient } from './vendor/webtorrent.ts';

const SLOW = 90_000;

async function bytesOf(res: Response): Promise<Buffer> {
  return Buffer.from(await res.arrayBuffer());
}

/** Every sample line of Prometheus text: `name{labels} value`. */
const SAMPLE = /^[a-zA-Z_:][a-zA-Z0-9_:]*(\{([a-zA-Z_][a-zA-Z0-9_]*="([^"\\]|\\.)*",?)*\})? -?([0-9.e+-]+|NaN|\+Inf|-Inf)$/;

describe('bridge: aria2 seeds over TCP, the server streams over HTTP', () => {
  let server: TestServer;
  let root: string;
  let aria2: Aria2Seeder;
  let aria2b: Aria2Seeder;
  let single: MadeTorrent;
  let multi: MadeTorrent;
  let movie: Buffer;
  const folderFiles = { 'a clip.webm': randomBytes(300_000), 'sub dir/notes (1).txt': randomBytes(70_001) };

  beforeAll(async () => {
    server = await startTestServer();
    root = await mkdtemp(path.join(tmpdir(), 'btstream-aria2-'));
    const announce = `${server.url}/announce`;
    movie = randomBytes(3 * 1024 * 1024 + 12_345);
    await writeFile(path.join(root, 'sample movie.mp4'), movie);
    single = await makeTorrent(path.join(root, 'sample movie.mp4'), announce, path.join(root, 'single.torrent'));
    for (const [name, content] of Object.entries(folderFiles)) {
      await mkdir(path.dirname(path.join(root, 'My Folder', name)), { recursive: true });
      await writeFile(path.join(root, 'My Folder', name), content);
    }
    multi = await makeTorrent(path.join(root, 'My Folder'), announce, path.join(root, 'multi.torrent'), 15);
    aria2 = await seedWithAria2(single.torrentPath, root);
    aria2b = await seedWithAria2(multi.torrentPath, root);
  }, SLOW);

  afterAll(async () => {
    await aria2?.stop();
    await aria2b?.stop();
    await server?.stop();
    await rm(root, { recursive: true, force: true });
  });

  it('joins the swarm of a magnet: 201, then 200 for the same torrent', async () => {
    const res = await addByUri(server, single.magnetURI);
    expect(res.status).toBe(201);
    expect(res.headers.get('location')).toBe(`/api/torrents/${single.infoHash}`);
    // The name is the magnet's dn, before the bridge has the metadata.
    expect(await res.json()).toEqual({ infoHash: single.infoHash, name: 'sample movie.mp4' });
    const again = await addByUri(server, single.magnetURI);
    expect(again.status).toBe(200);
  });

  it(
    'streams a range it does not have yet, byte-exact, as 206',
    async () => {
      const res = await fetch(`${server.url}/stream/${single.infoHash}/0`, { headers: { range: 'bytes=100-200099' } });
      expect(res.status).toBe(206);
      expect(res.headers.get('content-range')).toBe(`bytes 100-200099/${movie.length}`);
      expect(res.headers.get('content-length')).toBe('200000');
      expect(res.headers.get('accept-ranges')).toBe('bytes');
      expect(res.headers.get('content-type')).toBe('video/mp4');
      expect((await bytesOf(res)).equals(movie.subarray(100, 200100))).toBe(true);
    },
    SLOW,
  );

  it(
    'serves a finished file from disk: ranges and the whole torrent stay byte-exact',
    async () => {
      // Done once the whole file is in; from then on the bytes come straight from the file on disk.
      await fetch(`${server.url}/stream/${single.infoHash}/0`).then(bytesOf);
      let progress = 0;
      for (let tries = 0; tries < 100 && progress < 1; tries++) {
        if (tries > 0) await new Promise((resolve) => setTimeout(resolve, 100));
        progress = ((await (await fetch(`${server.url}/api/torrents/${single.infoHash}`)).json()) as TorrentStatus).progress;
      }
      expect(progress).toBe(1);
      const ranged = await fetch(`${server.url}/stream/${single.infoHash}/0`, { headers: { range: 'bytes=1000000-2000000' } });
      expect(ranged.status).toBe(206);
      expect((await bytesOf(ranged)).equals(movie.subarray(1_000_000, 2_000_001))).toBe(true);
      const whole = await fetch(`${server.url}/webseed/${single.infoHash}`, { headers: { range: `bytes=0-${movie.length - 1}` } });
      expect((await bytesOf(whole)).equals(movie)).toBe(true);
    },
    SLOW,
  );

  it('describes the torrent and its files', async () => {
    const res = await fetch(`${server.url}/api/torrents/${single.infoHash}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as TorrentStatus;
    expect(body).toMatchObject({
      infoHash: single.infoHash,
      name: 'sample movie.mp4',
      length: movie.length,
      ready: true,
      error: null,
      webSeedPath: `/webseed/${single.infoHash}`,
    });
    expect(body.files).toEqual([
      {
        index: 0,
        name: 'sample movie.mp4',
        path: 'sample movie.mp4',
        length: movie.length,
        progress: expect.any(Number) as number,
        mimeType: 'video/mp4',
        streamPath: `/stream/${single.infoHash}/0/sample%20movie.mp4`,
      },
    ]);
    const list = (await (await fetch(`${server.url}/api/torrents`)).json()) as { torrents: TorrentStatus[] };
    expect(list.torrents.map((t) => t.infoHash)).toContain(single.infoHash);
  });

  it(
    'streams the whole file byte-exact with 200, and answers HEAD without a body',
    async () => {
      const res = await fetch(`${server.url}/stream/${single.infoHash}/0/sample%20movie.mp4`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-length')).toBe(String(movie.length));
      expect((await bytesOf(res)).equals(movie)).toBe(true);

      const head = await fetch(`${server.url}/stream/${single.infoHash}/0`, { method: 'HEAD', headers: { range: 'bytes=10-19' } });
      expect(head.status).toBe(206);
      expect(head.headers.get('content-length')).toBe('10');
      expect(head.headers.get('content-range')).toBe(`bytes 10-19/${movie.length}`);
      expect(await head.text()).toBe('');
    },
    SLOW,
  );

  // [start, end] from the file size: the file is made in beforeAll.
  const ranges: [string, (size: number) => [number, number]][] = [
    ['bytes=0-0', () => [0, 0]],
    ['bytes=-10', (size) => [size - 10, size - 1]],
    ['bytes=3145000-', (size) => [3_145_000, size - 1]],
  ];
  it.each(ranges)('answers Range %s with exactly those bytes', async (range, expected) => {
    const [start, end] = expected(movie.length);
    const res = await fetch(`${server.url}/stream/${single.infoHash}/0`, { headers: { range } });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe(`bytes ${start}-${end}/${movie.length}`);
    expect((await bytesOf(res)).equals(movie.subarray(start, end + 1))).toBe(true);
  });

  it('answers a range past the end with 416 and the size', async () => {
    const res = await fetch(`${server.url}/stream/${single.infoHash}/0`, { headers: { range: `bytes=${movie.length}-` } });
    expect(res.status).toBe(416);
    expect(res.headers.get('content-range')).toBe(`bytes */${movie.length}`);
    expect(((await res.json()) as { error: string }).error).toMatch(/outside the file/);
  });

  it('says which file indexes exist', async () => {
    const res = await fetch(`${server.url}/stream/${single.infoHash}/7`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: 'This torrent has 1 files (0 to 0); there is no file 7.' });
  });

  it('serves the .torrent with this server as a web seed, same info hash', async () => {
    const res = await fetch(`${server.url}/api/torrents/${single.infoHash}/torrent`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-bittorrent');
    const bytes = await bytesOf(res);
    const parsed = await readTorrentFile(bytes);
    expect(parsed.infoHash).toBe(single.infoHash);
    expect(bytes.toString('latin1')).toContain(`${server.url}/webseed/${single.infoHash}`);
  });

  it('is a BEP19 web seed with CORS for a single-file torrent', async () => {
    const res = await fetch(`${server.url}/webseed/${single.infoHash}`, {
      headers: { range: 'bytes=1000-1999', origin: 'https://elsewhere.example' },
    });
    expect(res.status).toBe(206);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-expose-headers')).toContain('Content-Range');
    expect((await bytesOf(res)).equals(movie.subarray(1000, 2000))).toBe(true);

    const preflight = await fetch(`${server.url}/webseed/${single.infoHash}`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://elsewhere.example',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'range, cache-control',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Range/);
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Cache-Control/);
  });

  it(
    'feeds a webtorrent client through the web seed alone (multi-file, names with spaces)',
    async () => {
      expect((await addByUri(server, multi.magnetURI)).status).toBe(201);
      // The metadata reaches the bridge from aria2; the client below gets it as a file.
      let torrentFile: Response | undefined;
      await expect
        .poll(async () => (torrentFile = await fetch(`${server.url}/api/torrents/${multi.infoHash}/torrent?webseed=0`)).status, {
          timeout: 30_000,
        })
        .toBe(200);
      const metadata = await bytesOf(torrentFile!);

      const downloadDir = await mkdtemp(path.join(tmpdir(), 'btstream-webseed-'));
      // No trackers, DHT or peers: only the web seed can deliver.
      const client: WebTorrentClient = isolatedClient({ webSeeds: true, tracker: false });
      try {
        const torrent = client.add(metadata, { path: downloadDir, urlList: [`${server.url}/webseed/${multi.infoHash}`] });
        await new Promise<void>((resolve, reject) => {
          torrent.once('done', resolve);
          torrent.on('error', (err) => reject(err instanceof Error ? err : new Error(err)));
        });
        for (const [name, content] of Object.entries(folderFiles)) {
          expect((await readFile(path.join(downloadDir, 'My Folder', name))).equals(content)).toBe(true);
        }
      } finally {
        await new Promise<void>((resolve) => client.destroy(() => resolve()));
        await rm(downloadDir, { recursive: true, force: true });
      }
    },
    SLOW,
  );

  it('serves multi-file web seed paths as webtorrent asks for them', async () => {
    const res = await fetch(`${server.url}/webseed/${multi.infoHash}/My Folder/sub dir/notes (1).txt`, {
      headers: { range: 'bytes=0-9' },
    });
    expect(res.status).toBe(206);
    expect((await bytesOf(res)).equals(folderFiles['sub dir/notes (1).txt'].subarray(0, 10))).toBe(true);
    const missing = await fetch(`${server.url}/webseed/${multi.infoHash}/My Folder/nope.txt`);
    expect(missing.status).toBe(404);
  });

  it('reports progress as Server-Sent Events', async () => {
    const controller = new AbortController();
    const res = await fetch(`${server.url}/api/events`, { signal: controller.signal });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const reader = res.body!.getReader();
    let text = '';
    while (!text.includes('\n\n', text.indexOf('data:'))) {
      const read = (await reader.read()) as { done: boolean; value?: Uint8Array };
      if (read.done || !read.value) break;
      text += Buffer.from(read.value).toString('utf8');
    }
    controller.abort();
    const data = /^data: (.*)$/m.exec(text)?.[1];
    expect(text).toMatch(/^retry: \d+\nevent: torrents\n/);
    const event = JSON.parse(data ?? 'null') as { torrents: TorrentStatus[] };
    expect(event.torrents.find((t) => t.infoHash === single.infoHash)).toMatchObject({ name: 'sample movie.mp4', ready: true });
  });

  it('exposes Prometheus metrics', async () => {
    const res = await fetch(`${server.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    const samples = text.split('\n').filter((l) => l !== '' && !l.startsWith('#'));
    expect(samples.filter((l) => !SAMPLE.test(l))).toEqual([]);
    const value = (name: string): number => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1]);
    expect(value('btstream_bridge_torrents')).toBe(2);
    expect(value('btstream_bridge_downloaded_bytes_total')).toBeGreaterThan(movie.length);
    expect(value('btstream_tracker_swarms')).toBeGreaterThanOrEqual(2);
    expect(text).toMatch(/^btstream_http_request_duration_seconds_count\{method="GET",route="\/stream\/\*",status_code="206"\} \d+$/m);
  });

  it('forgets a torrent on DELETE and deletes its data', async () => {
    const dir = path.join(server.dataDir, 'bridge', single.infoHash);
    expect(await fileExists(path.join(dir, 'sample movie.mp4'))).toBe(true);
    const res = await fetch(`${server.url}/api/torrents/${single.infoHash}`, { method: 'DELETE' });
    expect(res.status).toBe(204);
    expect(await fileExists(dir)).toBe(false);
    expect((await fetch(`${server.url}/api/torrents/${single.infoHash}`)).status).toBe(404);
    expect((await fetch(`${server.url}/stream/${single.infoHash}/0`)).status).toBe(404);
  });

  it(
    'holds GET …/torrent?wait= until a freshly joined torrent has its metadata',
    async () => {
      expect((await addByUri(server, single.magnetURI)).status).toBe(201);
      const res = await fetch(`${server.url}/api/torrents/${single.infoHash}/torrent?webseed=0&wait=20`);
      expect(res.status).toBe(200);
      expect((await readTorrentFile(await bytesOf(res))).infoHash).toBe(single.infoHash);
      const tooLong = await fetch(`${server.url}/api/torrents/${single.infoHash}/torrent?wait=31`);
      expect(tooLong.status).toBe(400);
      expect(await tooLong.text()).toMatch(/wait/);
    },
    SLOW,
  );
});

describe('bridge: a torrent larger than BRIDGE_MAX_BYTES', () => {
  let server: TestServer;
  let root: string;
  let aria2: Aria2Seeder;
  let made: MadeTorrent;
  const content = randomBytes(3 * 1024 * 1024);

  beforeAll(async () => {
    server = await startTestServer({ BRIDGE_MAX_BYTES: '1MiB' });
    root = await mkdtemp(path.join(tmpdir(), 'btstream-aria2-big-'));
    await writeFile(path.join(root, 'big.webm'), content);
    made = await makeTorrent(path.join(root, 'big.webm'), `${server.url}/announce`, path.join(root, 'big.torrent'));
    aria2 = await seedWithAria2(made.torrentPath, root);
  }, SLOW);
  afterAll(async () => {
    await aria2?.stop();
    await server?.stop();
    await rm(root, { recursive: true, force: true });
  });

  it(
    'is fetched only where it is read, and dropped with its data once it outgrows the cache',
    async () => {
      expect((await addByUri(server, made.magnetURI)).status).toBe(201);
      const res = await fetch(`${server.url}/stream/${made.infoHash}/0`, { headers: { range: 'bytes=2000000-2099999' } });
      expect(res.status).toBe(206);
      expect((await bytesOf(res)).equals(content.subarray(2_000_000, 2_100_000))).toBe(true);
      // Only the pieces around the range were fetched (256 KiB pieces, a few read ahead): well under 1 MiB.
      const status = (await (await fetch(`${server.url}/api/torrents/${made.infoHash}`)).json()) as TorrentStatus;
      expect(status.progress).toBeGreaterThan(0);
      expect(status.progress).toBeLessThan(1 / 3);

      // Reading 1.2 MB more takes the torrent over BRIDGE_MAX_BYTES; once the read ends, it goes.
      const more = await fetch(`${server.url}/stream/${made.infoHash}/0`, { headers: { range: 'bytes=0-1199999' } });
      expect((await bytesOf(more)).equals(content.subarray(0, 1_200_000))).toBe(true);
      await expect
        .poll(async () => (await (await fetch(`${server.url}/api/torrents`)).json()) as { torrents: unknown[] }, { timeout: 30_000 })
        .toEqual({ torrents: [] });
      // The folder goes right after, once webtorrent has closed its files.
      await expect.poll(() => fileExists(path.join(server.dataDir, 'bridge', made.infoHash))).toBe(false);
    },
    SLOW,
  );
});

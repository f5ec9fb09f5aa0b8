/**
 * `/webseed/<infoHash>` of a multi-file torrent: its files end to end, so a
 * piece range that crosses file boundaries is one request. A real bridge,
 * fed by aria2c over TCP.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTorrent, seedWithAria2, type Aria2Seeder, type MadeTorrent } from '../../tests/fixtures/aria2.ts';
import { addByUri, startTestServer, type TestServer } from '../test-support.ts';

const SLOW = 90_000;

describe('/webseed/<infoHash> of a multi-file torrent', () => {
  let server: TestServer;
  let root: string;
  let aria2: Aria2Seeder;
  let made: MadeTorrent;
  // In torrent order (mktorrent sorts by path); sizes that make pieces straddle files.
  const files: [string, Buffer][] = [
    ['a.bin', randomBytes(70_001)],
    ['b.bin', randomBytes(5)],
    ['c/d.bin', randomBytes(100_000)],
  ];
  const whole = Buffer.concat(files.map(([, bytes]) => bytes));

  beforeAll(async () => {
    server = await startTestServer();
    root = await mkdtemp(path.join(tmpdir(), 'btstream-whole-'));
    for (const [name, bytes] of files) {
      await mkdir(path.dirname(path.join(root, 'Folder', name)), { recursive: true });
      await writeFile(path.join(root, 'Folder', name), bytes);
    }
    // 2^15 = 32 KiB pieces.
    made = await makeTorrent(path.join(root, 'Folder'), `${server.url}/announce`, path.join(root, 'f.torrent'), 15);
    aria2 = await seedWithAria2(made.torrentPath, root);
    const res = await addByUri(server, made.magnetURI);
    expect(res.status).toBe(201);
  }, SLOW);

  afterAll(async () => {
    await aria2?.stop();
    await server?.stop();
    await rm(root, { recursive: true, force: true });
  });

  it(
    'serves a range across file boundaries byte-exact, as 206 with the torrent\'s length',
    async () => {
      const start = 65_536;
      const end = 70_001 + 5 + 32_767;
      const res = await fetch(`${server.url}/webseed/${made.infoHash}`, { headers: { range: `bytes=${start}-${end}` } });
      expect(res.status).toBe(206);
      expect(res.headers.get('content-range')).toBe(`bytes ${start}-${end}/${whole.length}`);
      expect(res.headers.get('content-length')).toBe(String(end - start + 1));
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(Buffer.from(await res.arrayBuffer()).equals(whole.subarray(start, end + 1))).toBe(true);
    },
    SLOW,
  );

  it('serves the whole torrent without a range, and 416 past its end', async () => {
    const res = await fetch(`${server.url}/webseed/${made.infoHash}`);
    expect(res.status).toBe(200);
    expect(Buffer.from(await res.arrayBuffer()).equals(whole)).toBe(true);
    const past = await fetch(`${server.url}/webseed/${made.infoHash}`, { headers: { range: `bytes=${whole.length}-` } });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${whole.length}`);
  });

  it('still serves each file at its BEP19 path', async () => {
    const res = await fetch(`${server.url}/webseed/${made.infoHash}/Folder/c/d.bin`, { headers: { range: 'bytes=0-9' } });
    expect(res.status).toBe(206);
    expect(Buffer.from(await res.arrayBuffer()).equals(files[2]![1].subarray(0, 10))).toBe(true);
  });
});

/**
 * The engine's settings on real Node webtorrent clients over TCP on loopback:
 * the limits land on the client, and the connection cap turns away peers over it.
 */
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import WebTorrent, { type Torrent } from 'webtorrent';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../shared/engine-api';
import { destroyClient } from '../../tests/fixtures/seeder.ts';
import { applyLimits, capConnections } from './settings';
import type { WtClient, WtTorrent } from './webtorrent';

const clients: WebTorrent[] = [];
const dirs: string[] = [];

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'btstream-cap-'));
  dirs.push(dir);
  return dir;
}

function tcpClient(): WebTorrent {
  const client = new WebTorrent({ dht: false, lsd: false, utp: false, utPex: false, natUpnp: false, natPmp: false, tracker: false });
  clients.push(client);
  return client;
}

afterEach(async () => {
  await Promise.all(clients.splice(0).map(destroyClient));
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** Parts of webtorrent the fixtures' types leave out. */
type Listening = WebTorrent & { listening: boolean; torrentPort: number };
type Dialing = Torrent & { addPeer(address: string): boolean };

async function seed(client: WebTorrent): Promise<Torrent> {
  const file = path.join(await tempDir(), 'data.bin');
  await writeFile(file, randomBytes(256 * 1024));
  return new Promise((resolve) => client.seed(file, { announce: [] }, resolve));
}

describe('applyLimits', () => {
  it('sets the speed limits and the connection cap, and lifts them again', () => {
    const client = tcpClient();
    const wt = client as unknown as WtClient & { maxConns: number; _downloadLimit: number; _uploadLimit: number };
    applyLimits(wt, { ...DEFAULT_SETTINGS, downloadLimit: 64 * 1024, uploadLimit: 8 * 1024, maxConnections: 7 });
    expect([wt._downloadLimit, wt._uploadLimit, wt.maxConns]).toEqual([64 * 1024, 8 * 1024, 7]);
    applyLimits(wt, DEFAULT_SETTINGS);
    expect([wt._downloadLimit, wt._uploadLimit, wt.maxConns]).toEqual([-1, -1, DEFAULT_SETTINGS.maxConnections]);
  });
});

/** A seeder capped at `cap` peers, and two leechers that dial it; resolves its torrent once both were let in. */
async function dialedTwice(cap: number): Promise<Torrent> {
  const seeder = tcpClient() as Listening;
  const torrent = await seed(seeder);
  let seen = 0;
  torrent.on('wire', () => seen++);
  capConnections(torrent as unknown as WtTorrent, () => cap);
  if (!seeder.listening) await once(seeder, 'listening');
  const address = `127.0.0.1:${seeder.torrentPort}`;
  for (const leecher of [tcpClient(), tcpClient()]) {
    const leeching = leecher.add(torrent.magnetURI, { announce: [], path: await tempDir() }) as Dialing;
    leeching.on('infoHash', () => leeching.addPeer(address));
  }
  await expect.poll(() => seen, { timeout: 15_000 }).toBeGreaterThanOrEqual(2);
  return torrent;
}

describe('capConnections', () => {
  it('turns away peers over the cap', async () => {
    const torrent = await dialedTwice(1);
    await expect.poll(() => torrent.wires.length, { timeout: 15_000 }).toBe(1);
  });

  it('keeps peers under the cap', async () => {
    const torrent = await dialedTwice(5);
    await expect.poll(() => torrent.wires.length, { timeout: 15_000 }).toBe(2);
  });
});

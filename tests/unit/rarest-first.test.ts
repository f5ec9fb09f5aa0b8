/**
 * The piece picker on real Node webtorrent (the same lib/torrent.js as the
 * browser bundle), peers on loopback TCP: a leecher that knows a partial peer
 * holds some pieces asks a full seeder for the pieces only the seeder has
 * first. webtorrent's stock order, sequential, would ask for the first ones.
 */
import { once } from 'node:events';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import WebTorrent, { type Torrent } from 'webtorrent';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyPriorities } from '../../app/engine/file-priority.ts';
import { usePiecePicker } from '../../app/engine/piece-picker.ts';
import type { WtTorrent } from '../../app/engine/webtorrent.ts';
import { destroyClient, trackRequests } from '../fixtures/seeder.ts';

const tcpOnly = { dht: false, lsd: false, utp: false, utPex: false, natUpnp: false, natPmp: false, webSeeds: false, tracker: false } as const;

/** What this test reads off webtorrent beyond the fixture types. */
interface Internals {
  ready: boolean;
  torrentFile: Uint8Array;
  files: { progress: number }[];
  pieces: unknown[];
  wires: { peerPieces: { get(index: number): boolean } }[];
  addPeer(addr: string): boolean;
}
const internals = (torrent: Torrent) => torrent as unknown as Internals;
const wt = (torrent: Torrent) => torrent as unknown as WtTorrent;
type Listening = WebTorrent & { listening: boolean; torrentPort: number; throttleUpload(rate: number): void };

async function addressOf(client: Listening): Promise<string> {
  if (!client.listening) await once(client, 'listening');
  return `127.0.0.1:${client.torrentPort}`;
}

/** a.bin is pieces 0..6 (16 KiB pieces, 100 KiB files), b.bin and c.bin 6..18. */
const SHARED = 6;

async function makeFolder(root: string): Promise<string> {
  const dir = path.join(root, 'three-files');
  await mkdir(dir);
  for (const [i, name] of ['a.bin', 'b.bin', 'c.bin'].entries()) {
    await writeFile(path.join(dir, name), Buffer.alloc(100 * 1024, i + 1));
  }
  return dir;
}

function ready(torrent: Torrent): Promise<void> {
  return new Promise((resolve) => (internals(torrent).ready ? resolve() : torrent.once('ready', () => resolve())));
}

describe('rarest first, on real webtorrent peers', () => {
  let root = '';
  const clients: WebTorrent[] = [];
  const client = (): Listening => {
    const made = new WebTorrent(tcpOnly) as Listening;
    clients.push(made);
    return made;
  };

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'btstream-rarest-test-'));
  });

  afterAll(async () => {
    await Promise.all(clients.map(destroyClient));
    await rm(root, { recursive: true, force: true });
  });

  it('asks the seeder first for the pieces only it has', async () => {
    const seederClient = client();
    const dir = await makeFolder(root);
    const seeded = await new Promise<Torrent>((resolve) => seederClient.seed(dir, { announce: [] }, resolve));
    const torrentFile = Buffer.from(internals(seeded).torrentFile) as unknown as string;
    const seederAddress = await addressOf(seederClient);

    // A partial peer: it fetches a.bin alone (the picker keeps skipped files
    // out), then uploads at 1 KiB/s, so the leecher gets a.bin's pieces from the seeder too.
    const partialClient = client();
    const partial = partialClient.add(torrentFile, { path: path.join(root, 'partial') });
    await ready(partial);
    usePiecePicker(wt(partial));
    applyPriorities(wt(partial), ['normal', 'skip', 'skip']);
    internals(partial).addPeer(seederAddress);
    await expect.poll(() => internals(partial).files[0]?.progress, { timeout: 15_000 }).toBe(1);
    partialClient.throttleUpload(1024);

    const asked = trackRequests(seeded);
    const leecher = client().add(torrentFile, { path: path.join(root, 'leecher') });
    await ready(leecher);
    usePiecePicker(wt(leecher));
    const pieceCount = internals(leecher).pieces.length;
    internals(leecher).addPeer(await addressOf(partialClient));
    // Its bitfield is in: a.bin's pieces are held by one peer more.
    await expect.poll(() => internals(leecher).wires.some((w) => w.peerPieces.get(0)), { timeout: 15_000 }).toBe(true);
    internals(leecher).addPeer(seederAddress);

    const requested = (): number[] => asked().wires.flatMap((wire) => wire.pieces);
    await expect.poll(() => requested().some((piece) => piece <= SHARED), { timeout: 15_000 }).toBe(true);
    const log = requested();
    const firstCommon = log.findIndex((piece) => piece <= SHARED);
    const seederOnly = Array.from({ length: pieceCount - SHARED - 1 }, (_, i) => SHARED + 1 + i);
    expect(new Set(log.slice(0, firstCommon))).toEqual(new Set(seederOnly));
    expect(internals(partial).files.map((file) => file.progress)).toEqual([1, expect.any(Number), 0]);
    expect(internals(partial).files[1]?.progress).toBeLessThan(0.35);
  }, 30_000);
});

/**
 * File priorities against real webtorrent (its Node build runs the same
 * lib/torrent.js as the browser bundle): a Node seeder and a leecher joined
 * over loopback TCP. A skipped file is not fetched while the others complete,
 * and the selections the engine puts in are the ones webtorrent keeps.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import WebTorrent, { type Torrent } from 'webtorrent';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyPriorities } from '../../app/engine/file-priority.ts';
import { destroyClient } from '../fixtures/seeder.ts';

const offline = { dht: false, lsd: false, utPex: false, natUpnp: false, natPmp: false, webSeeds: false, tracker: false } as const;

/** What this test reads off webtorrent beyond the fixture types. */
interface Internals {
  torrentFile: Uint8Array;
  files: { progress: number }[];
  pieces: unknown[];
  addPeer(addr: string): boolean;
  _selections: Iterable<{ from: number; to: number; priority: number }>;
}
const internals = (torrent: Torrent) => torrent as unknown as Internals;

/** Three files of 100 KiB of distinct bytes: with 16 KiB pieces each has pieces of its own. */
async function makeFolder(root: string): Promise<string> {
  const dir = path.join(root, 'three-files');
  await mkdir(dir);
  for (const [i, name] of ['a.bin', 'b.bin', 'c.bin'].entries()) {
    await writeFile(path.join(dir, name), Buffer.alloc(100 * 1024, i + 1));
  }
  return dir;
}

function once(torrent: Torrent, event: string): Promise<void> {
  return new Promise((resolve) => torrent.once(event, () => resolve()));
}

describe('file priorities in webtorrent', () => {
  let root = '';
  let seederClient: WebTorrent;
  let leecherClient: WebTorrent;
  let seeded: Torrent;

  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'btstream-priority-test-'));
    const dir = await makeFolder(root);
    seederClient = new WebTorrent(offline);
    leecherClient = new WebTorrent(offline);
    seeded = await new Promise<Torrent>((resolve) => seederClient.seed(dir, { announce: [] }, resolve));
  }, 30_000);

  afterAll(async () => {
    await Promise.all([destroyClient(seederClient), destroyClient(leecherClient)]);
    await rm(root, { recursive: true, force: true });
  });

  it('fetches every file but the skipped one', async () => {
    const torrent = leecherClient.add(Buffer.from(internals(seeded).torrentFile) as unknown as string, {
      path: path.join(root, 'download'),
    });
    await once(torrent, 'ready');
    const pieceCount = internals(torrent).pieces.length;
    applyPriorities(torrent as unknown as Parameters<typeof applyPriorities>[0], ['high', 'skip', 'normal']);

    const selections = [...internals(torrent)._selections].map(({ from, to, priority }) => ({ from, to, priority }));
    // a.bin is pieces 0..6, b.bin 6..12, c.bin 12..18: the shared pieces 6 and 12 stay selected.
    expect(selections).toEqual([
      { from: 0, to: 6, priority: 0.5 },
      { from: 12, to: pieceCount - 1, priority: 0 },
    ]);

    const { port } = (seederClient as unknown as { address(): AddressInfo }).address();
    const wanted = new Promise<void>((resolve) => {
      const check = (): void => {
        const [a, , c] = internals(torrent).files;
        if (a?.progress === 1 && c?.progress === 1) resolve();
        else torrent.once('verified', check);
      };
      check();
    });
    internals(torrent).addPeer(`127.0.0.1:${port}`);
    await wanted;

    const progress = internals(torrent).files.map((file) => file.progress);
    expect(progress[0]).toBe(1);
    expect(progress[2]).toBe(1);
    // Only b.bin's share of the two boundary pieces can be there.
    expect(progress[1]).toBeLessThan(0.35);
    expect(torrent.done).toBe(false);
  }, 30_000);
});

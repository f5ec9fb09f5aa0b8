import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeTorrent, seedWithAria2 } from '../../tests/fixtures/aria2.ts';
import { isolatedClient } from '../test-support.ts';
import { shouldRedial, skipSeedRedials } from './seed-redials.ts';

describe('shouldRedial', () => {
  const seeds = new Set(['198.51.100.4:6881']);

  it('redials seeds while the torrent is incomplete', () => {
    expect(shouldRedial(false, seeds, '198.51.100.4:6881')).toBe(true);
  });

  it('never redials a seed once the torrent is complete', () => {
    expect(shouldRedial(true, seeds, '198.51.100.4:6881')).toBe(false);
  });

  it('redials other peers of a complete torrent: they may want its pieces', () => {
    expect(shouldRedial(true, seeds, '198.51.100.5:6881')).toBe(true);
  });
});

describe('skipSeedRedials, against aria2c seeding', () => {
  it('downloads from the seed, then dials it no more once complete', { timeout: 60_000 }, async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'btstream-redials-'));
    await writeFile(path.join(root, 'clip.webm'), randomBytes(1024 * 1024));
    // No tracker answers here: the client below is given aria2's address.
    const made = await makeTorrent(path.join(root, 'clip.webm'), 'http://127.0.0.1:9/announce', path.join(root, 'clip.torrent'));
    const aria2 = await seedWithAria2(made.torrentPath, root);
    const client = isolatedClient({ webSeeds: false, tracker: false });
    try {
      const torrent = client.add(await readFile(made.torrentPath), { path: path.join(root, 'out') });
      skipSeedRedials(torrent);
      let wiresWhenComplete = 0;
      torrent.on('wire', () => {
        if (torrent.done) wiresWhenComplete++;
      });
      await new Promise<void>((resolve) => torrent.once('ready', resolve));
      expect(torrent.addPeer(`127.0.0.1:${aria2.port}`)).toBe(true);
      await new Promise<void>((resolve) => torrent.once('done', resolve));
      // aria2 closes a seed-to-seed connection at once; webtorrent alone redialled it 1 s
      // after each close, and aria2 answers a handshake within its 1 s tick: 2 or more wires here.
      await new Promise((resolve) => setTimeout(resolve, 5000));
      expect(torrent.numPeers).toBe(0);
      expect(wiresWhenComplete).toBe(0);
    } finally {
      await new Promise<void>((resolve) => client.destroy(() => resolve()));
      await aria2.stop();
      await rm(root, { recursive: true, force: true });
    }
  });
});

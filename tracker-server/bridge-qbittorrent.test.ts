import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTorrent, type MadeTorrent } from '../tests/fixtures/aria2.ts';
import { seedWithQbittorrent, type QbProtocol, type QbSeeder } from '../tests/fixtures/qbittorrent.ts';
import { addByUri, startTestServer, type TestServer } from './test-support.ts';

const SLOW = 90_000;

interface QbPeer {
  /** "BT" for TCP, "μTP" for uTP. */
  connection: string;
  uploaded: number;
  /** libtorrent's flags: "E" for an encrypted connection, "e" for an encrypted handshake only. */
  flags: string;
}

/**
 * The first peer qBittorrent lists over `connection`, polled from before the
 * bridge joins: once the bridge has every piece, libtorrent closes the
 * connection as redundant (two seeds), so a look after the download can
 * come too late (seen once in CI).
 */
async function firstPeerOver(list: () => Promise<QbPeer[]>, connection: string, timeoutMs: number): Promise<QbPeer | undefined> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = (await list().catch(() => [])).find((p) => p.connection === connection);
    if (found) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return undefined;
}

/**
 * libtorrent (as qBittorrent) is the engine of most of the world's swarms.
 * Set to take peers over one transport only, it shows which ones the bridge
 * can reach: it dials TCP first and uTP one retry later.
 */
describe.each<[QbProtocol, string]>([
  ['UTP', 'μTP'],
  ['TCP', 'BT'],
])('bridge: qBittorrent seeds with BTProtocol=%s', (protocol, connection) => {
  let server: TestServer;
  let root: string;
  let qbt: QbSeeder;
  let made: MadeTorrent;
  const content = randomBytes(2 * 1024 * 1024 + 4321);

  beforeAll(async () => {
    server = await startTestServer();
    root = await mkdtemp(path.join(tmpdir(), 'btstream-qbt-seed-'));
    await writeFile(path.join(root, 'clip.mp4'), content);
    made = await makeTorrent(path.join(root, 'clip.mp4'), `${server.url}/announce`, path.join(root, 'clip.torrent'));
    qbt = await seedWithQbittorrent(made.torrentPath, root, protocol);
  }, SLOW);

  afterAll(async () => {
    await qbt?.stop();
    await server?.stop();
    await rm(root, { recursive: true, force: true });
  });

  it(
    'streams a range from it byte-exact, then the whole file',
    async () => {
      // qBittorrent's own view: the bridge is its peer, over the one transport it allows.
      const peers = async () =>
        Object.values(((await qbt.api(`sync/torrentPeers?hash=${made.infoHash}`)) as { peers: Record<string, QbPeer> }).peers);
      const seen = firstPeerOver(peers, connection, 30_000);
      const added = await addByUri(server, made.magnetURI);
      expect(added.status).toBe(201);
      const ranged = await fetch(`${server.url}/stream/${made.infoHash}/0`, { headers: { range: 'bytes=100-200099' } });
      expect(ranged.status).toBe(206);
      expect(Buffer.from(await ranged.arrayBuffer()).equals(content.subarray(100, 200_100))).toBe(true);

      const bridgePeer = await seen;
      expect(bridgePeer).toBeDefined();
      // Over TCP the bridge dials with MSE, and libtorrent takes it (the bridge's own key exchange, mse-keys.ts).
      if (protocol === 'TCP') expect(bridgePeer?.flags).toMatch(/E|e/);

      const whole = await fetch(`${server.url}/stream/${made.infoHash}/0`);
      expect(whole.status).toBe(200);
      expect(Buffer.from(await whole.arrayBuffer()).equals(content)).toBe(true);
    },
    SLOW,
  );
});

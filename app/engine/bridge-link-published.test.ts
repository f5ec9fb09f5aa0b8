import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TorrentRecord } from '../shared/db';
import { handMadeTorrent } from '../../tracker-server/bridge/hand-torrent';
import { startTestServer, type TestServer } from '../../tracker-server/test-support';
import { BridgeLink } from './bridge-link';

const noHost = { torrentOf: () => undefined, launch: () => {}, stop: () => Promise.resolve() };

function record(infoHash: string, tracker: string): TorrentRecord {
  const magnetURI = `magnet:?xt=urn:btih:${infoHash}&tr=${encodeURIComponent(tracker)}`;
  return { infoHash, magnetURI, displayName: null, addedAt: 0, meta: null };
}

/** Against the real server: a torrent's metadata one engine publishes is where another's magnet finds it. */
describe('BridgeLink: metadata published to the server', () => {
  let server: TestServer;
  const made = handMadeTorrent('Shared', [{ path: ['clip.mp4'], content: randomBytes(30_000) }], 'wss://t.example/announce');

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it("names the server's .torrent as a WebRTC-only magnet's exact source, and serves there what another engine published", async () => {
    const link = new BridgeLink(noHost);
    link.configure(server.url, []);
    const rec = record(made.infoHash, 'ws://127.0.0.1:1/announce');
    const source = link.publishedSource(rec);
    expect(source).toBe(`${server.url}/api/torrents/${made.infoHash}/torrent?webseed=0`);
    expect((await fetch(source!)).status).toBe(404);

    const publisher = new BridgeLink(noHost);
    publisher.configure(server.url, []);
    publisher.publish(rec, made.bytes);
    await expect.poll(() => fetch(source!).then((r) => r.status)).toBe(200);
  });

  it('names no exact source for a swarm the bridge joins, nor with the bridge off', () => {
    const link = new BridgeLink(noHost);
    expect(link.publishedSource(record(made.infoHash, 'ws://127.0.0.1:1/announce'))).toBeNull();
    link.configure(server.url, []);
    expect(link.publishedSource(record(made.infoHash, 'http://127.0.0.1:1/announce'))).toBeNull();
  });

  it('publishes nothing for a swarm the bridge joins itself, nor with the bridge off', async () => {
    const other = handMadeTorrent('Other', [{ path: ['o.mp4'], content: randomBytes(1000) }], 'http://t.example/announce');
    const tcp = new BridgeLink(noHost);
    tcp.configure(server.url, []);
    tcp.publish(record(other.infoHash, 'http://127.0.0.1:1/announce'), other.bytes);
    new BridgeLink(noHost).publish(record(other.infoHash, 'ws://127.0.0.1:1/announce'), other.bytes);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await fetch(`${server.url}/api/torrents/${other.infoHash}/torrent`)).status).toBe(404);
  });
});

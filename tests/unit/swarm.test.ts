/**
 * Proves the e2e fixtures without a browser: a real bittorrent-tracker
 * WebSocket tracker, the fixture seeder, and a second Node webtorrent client
 * that downloads over WebRTC through that tracker.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Server as TrackerServer } from 'bittorrent-tracker';
import WebTorrent, { type Torrent } from 'webtorrent';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestVideo, sha256File, type MediaFile } from '../fixtures/media.ts';
import { destroyClient, startSeeder, webrtcOnlyClientOptions, type Seeder } from '../fixtures/seeder.ts';

function startTracker(): Promise<{ tracker: TrackerServer; announceUrl: string }> {
  const tracker = new TrackerServer({ http: false, udp: false, ws: true, stats: false });
  return new Promise((resolve, reject) => {
    tracker.once('error', reject);
    tracker.listen(0, '127.0.0.1', () => {
      const { port } = tracker.http!.address() as AddressInfo;
      resolve({ tracker, announceUrl: `ws://127.0.0.1:${port}/announce` });
    });
  });
}

function closeTracker(tracker: TrackerServer): Promise<void> {
  // Drop lingering WebSocket connections so close() does not wait for them.
  tracker.http?.closeAllConnections();
  return new Promise((resolve) => tracker.close(() => resolve()));
}

describe('WebRTC-only swarm through a WebSocket tracker', () => {
  let tracker: TrackerServer | undefined;
  let announceUrl = '';
  let media: MediaFile;
  let seeder: Seeder | undefined;
  let leecher: WebTorrent | undefined;
  let downloadDir = '';

  beforeAll(async () => {
    ({ tracker, announceUrl } = await startTracker());
    media = await createTestVideo({ durationSec: 3 });
    downloadDir = await mkdtemp(path.join(os.tmpdir(), 'btstream-swarm-test-'));
  }, 60_000);

  afterAll(async () => {
    if (leecher) await destroyClient(leecher).catch(() => undefined);
    if (seeder) await seeder.stop().catch(() => undefined);
    if (tracker) await closeTracker(tracker);
    if (downloadDir) await rm(downloadDir, { recursive: true, force: true });
  }, 30_000);

  it('the magnet names only the WebSocket tracker', async () => {
    seeder = await startSeeder(media.path, announceUrl);
    const trackers = new URL(seeder.magnetURI).searchParams.getAll('tr');
    expect(trackers).toEqual([announceUrl]);
    expect(seeder.infoHash).toMatch(/^[0-9a-f]{40}$/);
    expect(seeder.name).toBe(media.fileName);
  }, 60_000);

  it('a second Node client downloads the file over WebRTC, byte for byte', async () => {
    expect(seeder).toBeDefined();
    const client = (leecher = new WebTorrent(webrtcOnlyClientOptions()));

    const torrent = await new Promise<Torrent>((resolve, reject) => {
      client.once('error', reject);
      const t = client.add(seeder!.magnetURI, { path: downloadDir });
      t.once('error', reject);
      t.once('done', () => resolve(t));
    });

    const wireTypes = torrent.wires.map((w) => w.type);
    expect(wireTypes.length).toBeGreaterThan(0);
    expect(new Set(wireTypes)).toEqual(new Set(['webrtc']));
    expect(torrent.files.map((f) => f.name)).toEqual([media.fileName]);

    const downloaded = path.join(downloadDir, torrent.files[0]!.path);
    await destroyClient(client); // flushes and closes the file store
    leecher = undefined;
    expect(await sha256File(downloaded)).toBe(media.sha256);
  }, 60_000);
});

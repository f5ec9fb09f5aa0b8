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

interface Download {
  filePath: string;
  fileNames: string[];
  wireTypes: string[];
}

/**
 * One download by a fresh leecher into `dir`; null if it has not finished in
 * `ms`. A fresh client has a new peer id and sends fresh offers, so a retry
 * does not inherit the failed attempt's half-open connection.
 */
async function tryDownload(magnetURI: string, dir: string, ms: number): Promise<Download | null> {
  const client = new WebTorrent(webrtcOnlyClientOptions());
  try {
    const torrent = await new Promise<Torrent | null>((resolve, reject) => {
      const timer = setTimeout(() => resolve(null), ms);
      const fail = (err: unknown) => {
        clearTimeout(timer);
        reject(err instanceof Error ? err : new Error(String(err)));
      };
      client.once('error', fail);
      const t = client.add(magnetURI, { path: dir });
      t.once('error', fail);
      t.once('done', () => {
        clearTimeout(timer);
        resolve(t);
      });
    });
    if (!torrent) return null;
    return {
      filePath: path.join(dir, torrent.files[0]!.path),
      fileNames: torrent.files.map((f) => f.name),
      wireTypes: torrent.wires.map((w) => w.type),
    };
  } finally {
    await destroyClient(client); // also flushes and closes the file store
  }
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
  let downloadDir = '';

  beforeAll(async () => {
    ({ tracker, announceUrl } = await startTracker());
    media = await createTestVideo({ durationSec: 3 });
    downloadDir = await mkdtemp(path.join(os.tmpdir(), 'btstream-swarm-test-'));
  }, 60_000);

  afterAll(async () => {
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
    // About 1 run in 15, node-datachannel fails the leecher's offer ("Got a
    // remote candidate without ICE transport") and the seeder's side then waits
    // out webtorrent's 25 s connect timeout; the next announce would be 2 min
    // away. That is a Node-to-Node flaw (browsers are the offerers in the e2e
    // specs), so retry with a fresh leecher rather than wait.
    let download: Download | null = null;
    for (let attempt = 1; attempt <= 3 && !download; attempt++) {
      download = await tryDownload(seeder!.magnetURI, path.join(downloadDir, `attempt-${attempt}`), 20_000);
      if (!download) console.warn(`swarm test: download attempt ${attempt} did not finish in 20 s; retrying`);
    }
    if (!download) throw new Error('the leecher never got the file');

    expect(download.wireTypes.length).toBeGreaterThan(0);
    expect(new Set(download.wireTypes)).toEqual(new Set(['webrtc']));
    expect(download.fileNames).toEqual([media.fileName]);
    expect(await sha256File(download.filePath)).toBe(media.sha256);
  }, 90_000);
});

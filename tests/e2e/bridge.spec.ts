/**
 * A TCP-only swarm (aria2c from Debian, announcing to the project's HTTP
 * tracker) reaches the browser through the server's bridge: the app takes
 * the metadata from the bridge and the bytes from its web seed. A second
 * browser then adds it while the bridge holds it, which starts the torrent
 * from the bridge's .torrent.
 */
import { seedCopyWithAria2 } from '../fixtures/aria2.ts';
import { createTestVideo } from '../fixtures/media.ts';
import { expect } from '@playwright/test';
import { BASE_URL } from './env.ts';
import { test } from './fixtures.ts';
import {
  addTorrentViaLink,
  expectPlayedPast,
  expectWholeFileInPage,
  openPlayer,
  pieceRecordKinds,
  waitForServiceWorkerControl,
} from './helpers.ts';

test('a magnet seeded only by aria2 over TCP plays in the browser through the bridge', async ({ page, browser }) => {
  const media = await createTestVideo({ durationSec: 12 });
  const { made, aria2 } = await seedCopyWithAria2(media, `${BASE_URL}/announce`);
  try {
    await addTorrentViaLink(page, made.magnetURI);
    await waitForServiceWorkerControl(page);
    const video = await openPlayer(page, made.infoHash);
    await expectPlayedPast(video, 1);
    await expectWholeFileInPage(page, made.infoHash, media);
    // The bridge is the app's own origin: the bulk came in whole ranges, stored as Blobs the engine never read.
    const kinds = await pieceRecordKinds(page, made.infoHash);
    expect(kinds.blobs, 'pieces stored as whole-range Blobs').toBeGreaterThan(0);
    // What the player asked for first came piece by piece, through the piece writer worker (not the engine thread).
    expect(kinds.bytes, 'pieces stored as bytes').toBeGreaterThan(0);
    const writer = page.workers().find((w) => w.url().includes('piece-writer'));
    expect(writer, 'the piece writer worker is running').toBeDefined();
    expect(await writer!.evaluate(() => performance.getEntriesByName('bt:writer:first-write').length)).toBe(1);

    // A second browser, now that the bridge holds the torrent: the engine starts it from the bridge's .torrent.
    const other = await browser.newContext();
    try {
      const second = await other.newPage();
      await second.goto(`${BASE_URL}/add?uri=${encodeURIComponent(made.magnetURI)}`);
      await waitForServiceWorkerControl(second);
      await expectPlayedPast(await openPlayer(second, made.infoHash), 1);
      await expectWholeFileInPage(second, made.infoHash, media);
    } finally {
      await other.close();
    }
  } finally {
    await aria2.stop();
  }
});

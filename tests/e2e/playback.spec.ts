/**
 * Seeking, exact Range answers, and offline playback from IndexedDB once the
 * seeder has gone and the network is off.
 */
import { createTestVideo, sha256OfSlice } from '../fixtures/media.ts';
import { startSeeder } from '../fixtures/seeder.ts';
import { ANNOUNCE_URL } from './env.ts';
import { expect, test } from './fixtures.ts';
import {
  addTorrentViaLink,
  expectPlayedPast,
  expectWholeFileInPage,
  fetchAndHashInPage,
  openPlayer,
  storedPieceCount,
  streamUrl,
  waitForAppCached,
  waitForServiceWorkerControl,
} from './helpers.ts';

const DURATION_SEC = 60;

/** Deterministic ranges spread over the file: some tiny, some spanning many pieces. */
function sampleRanges(size: number, count: number): [number, number][] {
  let seed = 0x2545f491;
  const next = (): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  return Array.from({ length: count }, (_, i) => {
    const start = Math.floor(next() * (size - 1));
    const length = i % 3 === 0 ? 1 + Math.floor(next() * 64) : 1 + Math.floor(next() * 512 * 1024);
    return [start, Math.min(size - 1, start + length - 1)];
  });
}

test('seeks to 80 %, answers any range exactly, and plays offline from storage', async ({ page, context }) => {
  const media = await createTestVideo({ durationSec: DURATION_SEC });
  const seeder = await startSeeder(media.path, ANNOUNCE_URL);
  try {
    await addTorrentViaLink(page, seeder.magnetURI);
    await waitForServiceWorkerControl(page);
    const video = await openPlayer(page, seeder.infoHash);
    await expectPlayedPast(video, 1);

    await test.step('seek to 80 % and play on from there', async () => {
      await video.evaluate((v: HTMLVideoElement, at: number) => {
        v.currentTime = at;
      }, DURATION_SEC * 0.8);
      await expectPlayedPast(video, DURATION_SEC * 0.8 + 1);
    });

    await expectWholeFileInPage(page, seeder.infoHash, media);

    await test.step('random ranges come back byte-exact with the right Content-Range', async () => {
      const url = streamUrl(seeder.infoHash);
      for (const [start, end] of sampleRanges(media.size, 12)) {
        const res = await fetchAndHashInPage(page, url, `bytes=${start}-${end}`);
        expect(res.status).toBe(206);
        expect(res.contentRange).toBe(`bytes ${start}-${end}/${media.size}`);
        expect(res.sha256).toBe(await sha256OfSlice(media.path, start, end));
      }
      const suffix = await fetchAndHashInPage(page, url, 'bytes=-1000');
      expect(suffix.contentRange).toBe(`bytes ${media.size - 1000}-${media.size - 1}/${media.size}`);
      expect(suffix.sha256).toBe(await sha256OfSlice(media.path, media.size - 1000, media.size - 1));
      const beyond = await fetchAndHashInPage(page, url, `bytes=${media.size}-`);
      expect(beyond.status).toBe(416);
      expect(beyond.contentRange).toBe(`bytes */${media.size}`);
    });
  } finally {
    await seeder.stop();
  }

  await test.step('offline, after a reload, the file plays from IndexedDB', async () => {
    await waitForAppCached(page);
    await context.setOffline(true);
    await page.reload();
    await expect(page.getByTestId('torrent-page')).toBeVisible();
    const video = await openPlayer(page, seeder.infoHash);
    await expectPlayedPast(video, 1);
    await expectWholeFileInPage(page, seeder.infoHash, media);
    // The seek bar shows the whole file downloaded, as one span.
    await expect(page.getByText('100% of this file is downloaded.')).toBeAttached();
    await expect(page.getByTestId('range-bar').locator('.stored')).toHaveCount(1);
  });

  await test.step('the library marks it playable offline, and removing it frees its pieces', async () => {
    await page.getByTestId('nav-library').click();
    const entry = page.locator(`[data-testid="library-entry"][data-infohash="${seeder.infoHash}"]`);
    await expect(entry.locator('[data-testid="library-file"][data-offline="true"]')).toHaveCount(1);
    await expect(page.getByTestId('storage')).toContainText('used of');
    await entry.getByTestId('remove-torrent').click();
    await page.getByTestId('remove-confirm').click();
    await expect(entry).toHaveCount(0);
    expect(await storedPieceCount(page, seeder.infoHash)).toBe(0);
  });
});

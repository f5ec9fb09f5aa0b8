/**
 * Sharing from one browser to another: A seeds a video it made from a local
 * file, its torrent page gives the /add?uri= link (copied to the clipboard by
 * the Share button), and B, a separate context with its own storage, opens
 * that link, plays the video and gets the whole file byte for byte from A.
 */
import type { BrowserContext } from '@playwright/test';
import { createTestVideo } from '../fixtures/media.ts';
import { expect, test } from './fixtures.ts';
import { expectPlayedPast, expectWholeFileInPage, openPlayer, waitForServiceWorkerControl } from './helpers.ts';
import { seedFromHome } from './pwa-helpers.ts';

test('a file seeded in one browser plays in another from the shared link', async ({ browser, baseURL }) => {
  test.setTimeout(300_000);
  // Its own clip, so no other spec's seeder is in the swarm: B can only get it from A.
  const media = await createTestVideo({ durationSec: 8, toneHz: 660 });
  const contexts: BrowserContext[] = [];
  try {
    const a = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
    contexts.push(a);
    const pageA = await a.newPage();
    const infoHash = await test.step('browser A seeds the video from "Share your own files"', () =>
      seedFromHome(pageA, media.path),
    );

    const link = await test.step('A’s torrent page gives a link, and its Share button copies it', async () => {
      const field = pageA.getByTestId('share-link');
      const shown = await field.inputValue();
      expect(shown.startsWith(`${baseURL}/add?uri=magnet%3A%3Fxt%3Durn%3Abtih%3A${infoHash}`)).toBe(true);
      await expect(pageA.getByTestId('share-qr')).toBeVisible();
      // Drawn once it is on screen and the page is idle.
      await pageA.getByTestId('share-qr').scrollIntoViewIfNeeded();
      await expect(pageA.getByTestId('share-qr-code')).toHaveAttribute('d', /^M/);
      // The outline that marked the square until then is gone, and the code is no longer busy.
      await expect(pageA.getByTestId('share-qr-pending')).toHaveCount(0);
      await expect(pageA.getByTestId('share-qr')).toHaveAttribute('aria-busy', 'false');
      // Linux Chromium has no Web Share, so the button copies the link instead.
      await pageA.getByTestId('share-button').click();
      await expect(pageA.getByTestId('share-message')).toHaveText('Link copied.');
      expect(await pageA.evaluate(() => navigator.clipboard.readText())).toBe(shown);
      return shown;
    });

    const b = await browser.newContext();
    contexts.push(b);
    const pageB = await b.newPage();
    await test.step('browser B opens the link', async () => {
      await pageB.goto(link);
      await expect(pageB.getByTestId('torrent-page')).toHaveAttribute('data-infohash', infoHash);
      await waitForServiceWorkerControl(pageB);
    });

    await test.step('B plays the video while it downloads from A', async () => {
      await expect(pageB.getByTestId('file-row')).toHaveCount(1, { timeout: 90_000 });
      const video = await openPlayer(pageB, infoHash);
      await expectPlayedPast(video, 1);
    });

    await test.step('B draws the QR code too, once playback has started and the code is on screen', async () => {
      await pageB.getByTestId('share-qr').scrollIntoViewIfNeeded();
      await expect(pageB.getByTestId('share-qr-code')).toHaveAttribute('d', /^M/);
    });

    await test.step('B has the whole file, with the same SHA-256', () => expectWholeFileInPage(pageB, infoHash, media));
  } finally {
    for (const context of contexts) await context.close();
  }
});

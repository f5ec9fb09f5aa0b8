/**
 * Screenshots of the main views on a phone (390×844), the smallest phones
 * (320×640) and a desktop (1440×900)
 * into tests/artifacts/screenshots/, for people to look at. Each view must
 * also fit its width: nothing may scroll sideways.
 */
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { createTestVideo } from '../fixtures/media.ts';
import { expectPlayedPast, openPlayer, waitForServiceWorkerControl } from './helpers.ts';
import { randomInfoHash, seedFromHome } from './pwa-helpers.ts';

const OUT_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'artifacts', 'screenshots');

const VIEWPORTS = [
  { name: 'phone', width: 390, height: 844 },
  { name: 'small', width: 320, height: 640 },
  { name: 'desktop', width: 1440, height: 900 },
] as const;

async function capture(page: Page, view: string, size: string): Promise<void> {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow, `${view} should not scroll sideways at ${size}`).toBeLessThanOrEqual(0);
  await page.screenshot({ path: path.join(OUT_DIR, `${view}-${size}.png`), fullPage: true });
}

for (const viewport of VIEWPORTS) {
  test(`main views at ${viewport.width}×${viewport.height}`, async ({ page }) => {
    test.setTimeout(240_000);
    await mkdir(OUT_DIR, { recursive: true });
    await page.setViewportSize({ width: viewport.width, height: viewport.height });
    const size = `${viewport.width}x${viewport.height}`;

    await page.goto('/');
    await expect(page.getByTestId('empty-state')).toBeVisible();
    await capture(page, 'home-empty', size);
    // Leaving the first page while its service worker installs can leave it never activated (Chromium).
    await waitForServiceWorkerControl(page);

    const waitingHash = randomInfoHash();
    await page.goto(`/add?uri=${encodeURIComponent(`magnet:?xt=urn:btih:${waitingHash}`)}`);
    await expect(page.getByTestId('metadata-pending')).toBeVisible();
    await capture(page, 'torrent-fetching-metadata', size);

    const media = await createTestVideo({ durationSec: 8, width: 640, height: 360 });
    const infoHash = await seedFromHome(page, {
      name: 'Test pattern.mp4',
      mimeType: 'video/mp4',
      buffer: await readFile(media.path),
    });
    const video = await openPlayer(page, infoHash);
    await expectPlayedPast(video, 1);
    await video.evaluate((v: HTMLVideoElement) => v.pause());
    await capture(page, 'torrent-playing', size);

    await page.getByRole('link', { name: 'All torrents' }).click();
    await expect(page.getByTestId('torrent-row')).toHaveCount(2);
    await capture(page, 'home-with-torrents', size);

    await page.getByTestId('nav-library').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Library');
    await expect(page.locator('[data-testid="library-entry"]').first()).toBeVisible();
    await capture(page, 'library', size);
    await page.goto('/');

    await page.getByTestId('add-input').fill('https://');
    await page.getByTestId('add-submit').click();
    await expect(page.getByTestId('error')).toBeVisible();
    await capture(page, 'home-error', size);

    await page.getByTestId('nav-settings').click();
    await page.getByLabel('Storage limit', { exact: true }).fill('a lot');
    await page.getByTestId('settings-save').click();
    await expect(page.getByTestId('storage-quota-error')).toBeVisible();
    await capture(page, 'settings', size);

    await page.goto('/no/such/page');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
    await capture(page, 'not-found', size);
  });
}

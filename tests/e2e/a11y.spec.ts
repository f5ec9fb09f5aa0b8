/**
 * axe-core on the main views, in the light and the dark theme: no serious or
 * critical violations (contrast, names, labels, landmarks, ARIA).
 */
import AxeBuilder from '@axe-core/playwright';
import { randomBytes } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { waitForServiceWorkerControl } from './helpers.ts';
import { makeTorrentFile, randomInfoHash } from './pwa-helpers.ts';

async function expectNoSeriousViolations(page: Page, view: string): Promise<void> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const serious = violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ rule: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => n.target.join(' ')) }));
  expect(serious, `axe on ${view}`).toEqual([]);
}

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.use({ colorScheme });

    test('the empty home view', async ({ page }) => {
      await page.goto('/');
      await expect(page.getByTestId('empty-state')).toBeVisible();
      await expectNoSeriousViolations(page, 'the empty home view');
    });

    test('the home view with torrents, and a torrent page', async ({ page }) => {
      const infoHash = randomInfoHash();
      await page.goto(`/add?uri=${encodeURIComponent(`magnet:?xt=urn:btih:${infoHash}&dn=Waiting%20for%20peers`)}`);
      await expect(page.getByTestId('torrent-page')).toBeVisible();
      await waitForServiceWorkerControl(page);
      await expectNoSeriousViolations(page, 'a torrent page still fetching metadata');

      // One with metadata (files listed, share box, QR code) from a .torrent file.
      const torrent = makeTorrentFile('Holiday video.mp4', randomBytes(50_000));
      await page.goto('/');
      await page.getByTestId('add-file').setInputFiles({
        name: 'Holiday video.torrent',
        mimeType: 'application/x-bittorrent',
        buffer: torrent.bytes,
      });
      await expect(page.getByTestId('torrent-row')).toHaveCount(2);
      await expectNoSeriousViolations(page, 'the home view with two torrents');

      await page.locator(`[data-testid="torrent-row"][data-infohash="${torrent.infoHash}"]`).click();
      await expect(page.getByTestId('file-row')).toHaveCount(1);
      await expect(page.getByTestId('share-link')).toBeVisible();
      await expectNoSeriousViolations(page, 'a torrent page with files');
    });

    test('the settings view, also with field errors', async ({ page }) => {
      await page.goto('/settings');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
      await expectNoSeriousViolations(page, 'the settings view');
      await page.getByLabel('Download limit', { exact: true }).fill('fast');
      await page.getByRole('radio', { name: /Another bridge/ }).check();
      await page.getByTestId('settings-save').click();
      await expect(page.getByTestId('download-limit-error')).toBeVisible();
      await expect(page.getByTestId('bridge-url-error')).toBeVisible();
      await expectNoSeriousViolations(page, 'the settings view with field errors');
    });

    test('the error banner and the page-not-found view', async ({ page }) => {
      await page.goto('/add?uri=not-a-magnet');
      await expect(page.getByTestId('error')).toBeVisible();
      await expectNoSeriousViolations(page, 'the home view with an error');
      await page.goto('/no/such/page');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
      await expectNoSeriousViolations(page, 'the page-not-found view');
    });
  });
}

/**
 * Pause and resume: a paused torrent stays paused across a reload, its stored
 * file still plays, and resuming brings it back without losing anything.
 */
import { expect, test } from './fixtures.ts';
import { addTorrentViaLink, expectPlayedPast, expectWholeFileInPage, openPlayer, waitForServiceWorkerControl } from './helpers.ts';

test('a paused torrent stays paused after a reload, still plays, and resumes', async ({ page, seeder, media }) => {
  await addTorrentViaLink(page, seeder.magnetURI);
  await waitForServiceWorkerControl(page);
  await expectWholeFileInPage(page, seeder.infoHash, media);
  const state = page.getByTestId('torrent-page').getByTestId('torrent-state');

  await page.getByTestId('torrent-page').getByTestId('pause-torrent').click();
  await expect(state).toHaveText('Paused');
  await page.reload();
  await expect(state).toHaveText('Paused');

  const video = await openPlayer(page, seeder.infoHash);
  await expectPlayedPast(video, 1);

  await page.getByTestId('torrent-page').getByTestId('resume-torrent').click();
  await expect(state).toHaveText('Seeding');
  await expectWholeFileInPage(page, seeder.infoHash, media);

  await page.goto('/');
  const row = page.locator(`[data-testid="torrent-row"][data-infohash="${seeder.infoHash}"]`);
  await expect(row).toBeVisible();
  await expect(page.getByTestId('pause-torrent')).toHaveCount(1);
});

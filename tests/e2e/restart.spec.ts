/**
 * A user's real case, which the other specs' off-the-record contexts (storage
 * in memory) cannot show: a film stored in a profile on disk plays after the
 * whole browser was closed and started again offline, with no network and no
 * seeder: the service worker and IndexedDB on disk serve it.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from './fixtures.ts';
import {
  addTorrentViaLink,
  expectPlayedPast,
  expectPlayerOpenedItself,
  expectWholeFileInPage,
  waitForAppCached,
  waitForServiceWorkerControl,
} from './helpers.ts';

test('a stored film plays offline after the browser restarts', async ({ playwright, launchOptions, headless, baseURL, media, seeder }) => {
  const profile = await mkdtemp(path.join(os.tmpdir(), 'btstream-restart-'));
  const launch = () => playwright.chromium.launchPersistentContext(profile, { ...launchOptions, headless, baseURL });
  try {
    const first = await launch();
    try {
      const page = first.pages()[0] ?? (await first.newPage());
      await addTorrentViaLink(page, seeder.magnetURI);
      await waitForServiceWorkerControl(page);
      await expectWholeFileInPage(page, seeder.infoHash, media);
      await waitForAppCached(page);
    } finally {
      await first.close();
    }
    await seeder.stop();

    const second = await launch();
    try {
      await second.setOffline(true);
      const page = second.pages()[0] ?? (await second.newPage());
      await page.goto(`/t/${seeder.infoHash}?play=0`);
      const video = await expectPlayerOpenedItself(page, seeder.infoHash);
      await expectPlayedPast(video, 1);
      await expectWholeFileInPage(page, seeder.infoHash, media);
      await expect(page.getByTestId('torrent-page')).toHaveAttribute('data-infohash', seeder.infoHash);
    } finally {
      await second.close();
    }
  } finally {
    await rm(profile, { recursive: true, force: true });
  }
});

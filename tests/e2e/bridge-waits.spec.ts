/**
 * Many magnets waiting on the bridge for metadata no longer hold the
 * browser's six connections to the server: one long poll at a time, the
 * rest learn from the bridge's event stream, and a magnet seeded by aria2
 * over TCP, added after them, still comes whole.
 */
import { randomBytes } from 'node:crypto';
import { expect } from '@playwright/test';
import { seedCopyWithAria2 } from '../fixtures/aria2.ts';
import { createTestVideo } from '../fixtures/media.ts';
import { BASE_URL } from './env.ts';
import { test } from './fixtures.ts';
import { expectWholeFileInPage, waitForServiceWorkerControl } from './helpers.ts';

/** Trackerless magnets go to the bridge at once; nobody seeds these, so their metadata never comes. */
const WAITING = 7;

test('magnets waiting on the bridge leave connections for the rest', async ({ page }) => {
  test.setTimeout(120_000);
  const media = await createTestVideo({ durationSec: 6 });
  const { made, aria2 } = await seedCopyWithAria2(media, `${BASE_URL}/announce`);
  try {
    await page.goto('/');
    await waitForServiceWorkerControl(page);
    const rows = page.getByTestId('torrent-row');
    const add = async (uri: string, count: number) => {
      await page.getByTestId('add-input').fill(uri);
      await page.getByTestId('add-submit').click();
      await expect(rows).toHaveCount(count);
    };
    const firstAt = Date.now();
    for (let i = 1; i <= WAITING; i++) await add(`magnet:?xt=urn:btih:${randomBytes(20).toString('hex')}&dn=Nobody%20seeds%20${i}`, i);
    await add(made.magnetURI, WAITING + 1);
    await expectWholeFileInPage(page, made.infoHash, media);

    // Once the first long polls (10 s each) have ended, the engine's own timing says how many overlapped.
    await page.waitForTimeout(Math.max(0, 12_000 - (Date.now() - firstAt)));
    const engine = page.workers().find((w) => /\/worker-[^/]*\.js$/.test(w.url()));
    expect(engine, 'the engine worker is running').toBeDefined();
    const polls = await engine!.evaluate(() =>
      performance
        .getEntriesByType('resource')
        .filter((e) => /\/torrent\?.*wait=[1-9]/.test(e.name))
        .map((e) => [e.startTime, e.startTime + e.duration] as const),
    );
    expect(polls.length, 'the engine long-polled the bridge').toBeGreaterThan(0);
    const overlapping = Math.max(...polls.map(([start]) => polls.filter(([s, end]) => s <= start && start < end).length));
    expect(overlapping, 'long polls open at once').toBe(1);
  } finally {
    await aria2.stop();
  }
});

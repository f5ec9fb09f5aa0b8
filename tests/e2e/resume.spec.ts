/**
 * A reload in the middle of a download keeps every verified piece: after it,
 * the seeder is never asked again for a piece IndexedDB already held.
 */
import { createRandomFile } from '../fixtures/random-file.ts';
import { startSeeder } from '../fixtures/seeder.ts';
import { ANNOUNCE_URL } from './env.ts';
import { expect, test } from './fixtures.ts';
import { addTorrentViaLink, expectWholeFileInPage, recordFigure, storedPieceIndexes } from './helpers.ts';

const SIZE = 32 * 1024 * 1024;

test('a reload halfway through a download loses no verified piece', async ({ page }, testInfo) => {
  const file = await createRandomFile(SIZE);
  const seeder = await startSeeder(file.path, ANNOUNCE_URL);
  try {
    await addTorrentViaLink(page, seeder.magnetURI);
    const progress = page.getByTestId('torrent-progress').first();
    await expect
      .poll(async () => Number(await progress.getAttribute('aria-valuenow')), { intervals: [100], timeout: 120_000 })
      .toBeGreaterThanOrEqual(25);

    const stored = new Set(await storedPieceIndexes(page, seeder.infoHash));
    const reloadAt = Date.now();
    await page.reload();
    await expectWholeFileInPage(page, seeder.infoHash, file);

    const { wires } = await seeder.stats();
    const piecesOf = (ws: typeof wires) => new Set(ws.flatMap((w) => w.pieces));
    const before = piecesOf(wires.filter((w) => w.connectedAt < reloadAt));
    const after = piecesOf(wires.filter((w) => w.connectedAt >= reloadAt));
    expect(stored.size, 'some pieces were stored before the reload').toBeGreaterThan(0);
    expect(
      [...after].filter((i) => stored.has(i)),
      'pieces stored before the reload must not be requested again',
    ).toEqual([]);
    const twice = [...after].filter((i) => before.has(i)).length;
    recordFigure(testInfo, 'resume', `${stored.size} pieces kept across the reload; ${twice} in-flight pieces fetched again`);
  } finally {
    await seeder.stop();
  }
});

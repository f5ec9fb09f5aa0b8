/**
 * The torrent page's details with a real seeder: the piece map fills in, the
 * peer list shows the seeder as a WebRTC peer, the speed graph draws and
 * keeps drawing as samples come, and a
 * file set to Skip is not fetched while the others complete, also after a
 * reload, yet still streams whole when opened.
 *
 * The torrent is added from its .torrent before any peer has it, so the file
 * is skipped before a single piece could arrive.
 */
import path from 'node:path';
import { sha256File } from '../fixtures/media.ts';
import { createMixedFiles } from '../fixtures/mixed-files.ts';
import { makeFolderTorrent } from '../fixtures/folder-torrent.ts';
import { startSeeder } from '../fixtures/seeder.ts';
import { ANNOUNCE_URL } from './env.ts';
import { expect, test } from './fixtures.ts';
import { fetchAndHashInPage, storedPieceIndexes, waitForServiceWorkerControl } from './helpers.ts';

const SKIPPED = 'Film.mp4';

test('piece map, peers, speed graph, and a skipped file that stays skipped', async ({ page }) => {
  const { dir } = await createMixedFiles();
  const torrent = await makeFolderTorrent(dir, ANNOUNCE_URL);
  const film = torrent.files.find((f) => f.path === SKIPPED);
  if (!film) throw new Error(`${SKIPPED} is not in the torrent`);
  // Pieces holding nothing but the skipped file: none of them may be stored.
  const firstOwn = Math.ceil(film.offset / torrent.pieceLength);
  const lastOwn = Math.floor((film.offset + film.length) / torrent.pieceLength) - 1;
  expect(lastOwn, 'the skipped file should have pieces of its own').toBeGreaterThanOrEqual(firstOwn);

  // Counts the speed graph's redraws (uPlot clears its canvas each time), to see it follow new samples.
  await page.addInitScript(() => {
    const counter = window as unknown as { __graphDraws: number };
    counter.__graphDraws = 0;
    const proto = CanvasRenderingContext2D.prototype;
    const clear = Object.getOwnPropertyDescriptor(proto, 'clearRect')?.value as (this: CanvasRenderingContext2D, ...area: number[]) => void;
    Object.defineProperty(proto, 'clearRect', {
      configurable: true,
      writable: true,
      value(this: CanvasRenderingContext2D, ...area: number[]) {
        if (this.canvas.closest('[data-testid="speed-graph"]')) counter.__graphDraws++;
        clear.apply(this, area);
      },
    });
  });
  const graphDraws = () => page.evaluate(() => (window as unknown as { __graphDraws: number }).__graphDraws);

  await page.goto('/');
  await waitForServiceWorkerControl(page);
  await page.getByTestId('add-file').setInputFiles({
    name: 'mixed.torrent',
    mimeType: 'application/x-bittorrent',
    buffer: torrent.bytes,
  });
  await page.locator(`[data-testid="torrent-row"][data-infohash="${torrent.infoHash}"]`).click();
  await expect(page.getByTestId('file-row')).toHaveCount(torrent.files.length);

  const map = page.getByTestId('piece-map');
  const row = (name: string) => page.locator('[data-testid="file-row"]', { hasText: name });
  const priority = row(SKIPPED).getByTestId('file-priority');

  await test.step('before any peer: an empty piece map and no peers', async () => {
    await expect(map).toHaveAttribute('data-total', String(torrent.pieceCount));
    await expect(map).toHaveAttribute('data-stored', '0');
    await expect(map.getByRole('img')).toHaveAccessibleName(`Piece map: 0 of ${torrent.pieceCount} pieces stored`);
    await expect(page.getByTestId('peers-empty')).toBeVisible();
  });

  await test.step('the file is set to Skip, and the engine keeps it', async () => {
    await expect(priority).toHaveValue('normal');
    await priority.selectOption({ label: 'Skip' });
    // The row says "skipped" only once the engine's status carries the new priority.
    await expect(row(SKIPPED)).toContainText('skipped');
  });

  const seeder = await startSeeder(dir, ANNOUNCE_URL);
  try {
    expect(seeder.infoHash, 'the seeder should seed the same torrent').toBe(torrent.infoHash);

    await test.step('after a reload the file is still skipped', async () => {
      // A fresh engine announces again, and so finds the seeder.
      await page.reload();
      await expect(priority).toHaveValue('skip');
    });

    await test.step('the other files complete; the skipped one is not fetched', async () => {
      for (const other of torrent.files.filter((f) => f.path !== SKIPPED)) {
        await expect(row(other.path).getByTestId('file-progress')).toHaveAttribute('aria-valuenow', '100', { timeout: 90_000 });
      }
      await expect(page.getByTestId('torrent-page').getByTestId('torrent-state')).toHaveText('Seeding');
      await expect(page.getByTestId('torrent-progress')).toHaveAttribute('aria-valuenow', '100');
      const stored = await storedPieceIndexes(page, torrent.infoHash);
      expect(stored.length).toBeGreaterThan(0);
      expect(stored.filter((i) => i >= firstOwn && i <= lastOwn)).toEqual([]);
      await expect(row(SKIPPED).getByTestId('file-progress')).not.toHaveAttribute('aria-valuenow', '100');
    });

    await test.step('the piece map shows the stored pieces', async () => {
      const stored = (await storedPieceIndexes(page, torrent.infoHash)).length;
      await expect(map).toHaveAttribute('data-stored', String(stored));
      await expect(page.getByTestId('piece-summary')).toHaveText(`${stored} of ${torrent.pieceCount} pieces stored`);
    });

    await test.step('the peer list shows the seeder as a WebRTC peer', async () => {
      const peer = page.locator('[data-testid="peer-row"][data-kind="webrtc"]').first();
      await expect(peer).toBeVisible();
      await expect(peer.getByTestId('peer-kind')).toHaveText('WebRTC');
    });

    await test.step('the speed graph draws, and draws again as samples come', async () => {
      const graph = page.getByTestId('speed-graph');
      // Its chart loads once it is on screen.
      await graph.scrollIntoViewIfNeeded();
      await expect(graph.locator('canvas')).toBeVisible();
      expect(await graph.locator('canvas').evaluate((c: HTMLCanvasElement) => c.width)).toBeGreaterThan(0);
      await expect(graph).toHaveAccessibleName(/Transfer speed over the last 5 minutes/);
      // A sample comes every second: the graph must not stay as it was first drawn.
      const drawn = await graphDraws();
      await expect.poll(graphDraws, { timeout: 10_000 }).toBeGreaterThan(drawn + 1);
      // And it follows the page's width.
      const canvasWidth = () => graph.locator('canvas').evaluate((c: HTMLCanvasElement) => c.getBoundingClientRect().width);
      const wide = await canvasWidth();
      const viewport = page.viewportSize();
      // Narrower than the two-column layout: the graph gets the whole width, more than beside the piece map.
      await page.setViewportSize({ width: 700, height: viewport?.height ?? 800 });
      await expect.poll(canvasWidth).toBeGreaterThan(wide + 100);
      // Back down to a small phone: the graph follows, and nothing holds the page wider than the screen.
      await page.setViewportSize({ width: 360, height: viewport?.height ?? 800 });
      await expect.poll(canvasWidth).toBeLessThan(320);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
      if (viewport) await page.setViewportSize(viewport);
    });

    await test.step('the skipped file still streams whole when opened', async () => {
      const index = torrent.files.indexOf(film);
      const body = await fetchAndHashInPage(page, `/stream/${torrent.infoHash}/${index}`);
      expect(body).toMatchObject({ status: 200, size: film.length, sha256: await sha256File(path.join(dir, SKIPPED)) });
    });
  } finally {
    await seeder.stop();
  }
});

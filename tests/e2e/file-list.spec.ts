/**
 * A torrent of many files: the list scrolls in a box of its own with only the
 * rows in view in the page, a filter finds any file, the page stays
 * accessible, and the library lists the first files until asked for all.
 */
import AxeBuilder from '@axe-core/playwright';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from './fixtures.ts';
import { seedFromHome } from './pwa-helpers.ts';

const COUNT = 300;
const noteName = (n: number) => `note-${String(n).padStart(3, '0')}.txt`;
const noteText = (n: number) => `This is note ${n} of ${COUNT}.`;

let notesDir: string | null = null;
test.afterEach(async () => {
  if (notesDir) await rm(notesDir, { recursive: true, force: true });
  notesDir = null;
});

async function manyNotes(): Promise<string[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'btstream-notes-'));
  notesDir = dir;
  const paths = Array.from({ length: COUNT }, (_, i) => path.join(dir, noteName(i + 1)));
  await Promise.all(paths.map((p, i) => writeFile(p, noteText(i + 1))));
  return paths;
}

test('a long file list renders the rows in view, filters, opens what it finds, and folds in the library', async ({ page }) => {
  await seedFromHome(page, await manyNotes());
  const list = page.getByTestId('file-list');
  const rows = page.getByTestId('file-row');
  await expect(page.getByTestId('file-count')).toHaveText(`${COUNT} files`);
  await expect(rows.first()).toBeVisible();

  await test.step('only the rows in view are in the page, each placed in the whole list', async () => {
    expect(await rows.count()).toBeLessThan(40);
    await expect(rows.first()).toHaveAttribute('aria-setsize', String(COUNT));
    await expect(rows.first()).toHaveAttribute('aria-posinset', '1');
  });

  await test.step('the list scrolls to its last file', async () => {
    await list.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await expect(rows.filter({ hasText: noteName(COUNT) })).toBeVisible();
    expect(await rows.count()).toBeLessThan(40);
  });

  await test.step('the page has no serious accessibility violations', async () => {
    const { violations } = await new AxeBuilder({ page }).include('[data-testid="torrent-page"]').analyze();
    const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id);
    expect(serious).toEqual([]);
  });

  await test.step('a filter finds one file, which opens in its viewer', async () => {
    await page.getByTestId('file-filter').fill('NOTE-250');
    await expect(page.getByTestId('file-count')).toHaveText(`1 of ${COUNT} files`);
    await expect(rows).toHaveCount(1);
    await rows.getByTestId('file-view').click();
    await expect(page.getByTestId('viewer-text')).toContainText(noteText(250));
  });

  await test.step('a filter that matches nothing says so', async () => {
    await page.getByTestId('file-filter').fill('no such file');
    await expect(page.getByTestId('file-filter-empty')).toBeVisible();
    await expect(rows).toHaveCount(0);
  });

  await test.step('the library lists the first files until asked for all', async () => {
    await page.getByRole('link', { name: 'Library' }).click();
    const files = page.getByTestId('library-file');
    await expect(files).toHaveCount(50);
    await page.getByTestId('library-show-all').click();
    await expect(files).toHaveCount(COUNT);
    await expect(page.getByTestId('library-show-all')).toHaveCount(0);
  });
});

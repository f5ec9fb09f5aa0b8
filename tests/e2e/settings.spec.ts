/**
 * The Settings page: bad input is refused field by field and nothing is
 * saved; good settings are kept across a reload and reach the engine, at
 * start and live; a download limit holds a real download near it; the storage limit stops a download without deleting
 * anything, and raising it lets the download finish.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Page } from '@playwright/test';
import { createRandomFile } from '../fixtures/random-file.ts';
import { startSeeder } from '../fixtures/seeder.ts';
import { ANNOUNCE_URL } from './env.ts';
import { expect, test } from './fixtures.ts';
import {
  expectWholeFileInPage,
  fetchAndHashInPage,
  recordFigure,
  storedPieceCount,
  storedPieceIndexes,
  waitForServiceWorkerControl,
} from './helpers.ts';
import { randomInfoHash } from './pwa-helpers.ts';

const STORED_KEY = 'btstream:settings';

/** A stand-in bridge that only records which torrents it was asked to join. */
async function startRecordingBridge(): Promise<{ url: string; joined: string[]; server: Server }> {
  const joined: string[] = [];
  const server = createServer((req, res) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Headers', 'content-type');
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST');
    if (req.method === 'POST' && req.url === '/api/torrents') {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        joined.push((JSON.parse(body) as { uri: string }).uri);
        res.writeHead(202, { 'Content-Type': 'application/json' }).end('{}');
      });
      return;
    }
    res.writeHead(req.method === 'OPTIONS' ? 204 : 404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, joined, server };
}

/** The torrent's piece length, read with the raw IndexedDB API (no app code). */
function storedPieceLength(page: Page, infoHash: string): Promise<number> {
  return page.evaluate(
    (ih) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('btstream');
        open.onerror = () => reject(new Error(String(open.error)));
        open.onsuccess = () => {
          const req = open.result.transaction('torrents').objectStore('torrents').get(ih);
          req.onsuccess = () => {
            open.result.close();
            resolve((req.result as { meta: { pieceLength: number } }).meta.pieceLength);
          };
          req.onerror = () => reject(new Error(String(req.error)));
        };
      }),
    infoHash,
  );
}

const ownBridgeCookie = async (page: Page): Promise<string | undefined> =>
  (await page.context().cookies()).find((c) => c.name === 'btstream-own-bridge')?.value;

const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });

async function save(page: Page, expected: string | RegExp): Promise<void> {
  await page.getByTestId('settings-save').click();
  await expect(page.getByTestId('settings-status')).toHaveText(expected);
}

test('bad input is refused inline; good settings survive a reload and reach the engine', async ({ page }) => {
  const bridgeA = await startRecordingBridge();
  const bridgeB = await startRecordingBridge();
  try {
    await page.goto('/');
    await page.getByTestId('nav-settings').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
    await expect(page).toHaveTitle('Settings · BT Stream');

    await field(page, 'Download limit').fill('fast');
    await field(page, 'Peers per torrent').fill('9000');
    await field(page, 'Extra trackers').fill('udp://tracker.example.org:1337');
    await save(page, 'Nothing was saved. Fix the fields marked in red.');
    await expect(page.getByTestId('download-limit-error')).toHaveText('Enter a number like 500 KB/s, or leave it empty.');
    await expect(page.getByTestId('max-connections-error')).toHaveText('Enter a whole number from 1 to 200.');
    await expect(page.getByTestId('extra-trackers-error')).toContainText('UDP tracker, which browsers cannot reach');
    await expect(field(page, 'Download limit')).toHaveAttribute('aria-describedby', /download-limit-error/);
    await expect(field(page, 'Download limit')).toHaveAttribute('aria-invalid', 'true');
    await expect(field(page, 'Download limit'), 'the first bad field gets the focus').toBeFocused();
    expect(await page.evaluate((key) => localStorage.getItem(key), STORED_KEY)).toBeNull();

    await field(page, 'Download limit').fill('1.5');
    await page.getByLabel('Download limit unit').selectOption('MB/s');
    await field(page, 'Peers per torrent').fill('20');
    await field(page, 'Extra trackers').fill('wss://tracker.example.org/announce');
    await page.getByRole('radio', { name: /Another bridge/ }).check();
    await field(page, 'Bridge address').fill(`${bridgeA.url}/`);
    await save(page, 'Saved.');
    await expect(page.getByTestId('download-limit-error')).toHaveCount(0);
    // Tells the app's own server not to join torrents on their /add page.
    expect(await ownBridgeCookie(page)).toBe('off');

    await page.reload();
    await expect(field(page, 'Download limit')).toHaveValue('1.5');
    await expect(page.getByLabel('Download limit unit')).toHaveValue('MB/s');
    await expect(field(page, 'Peers per torrent')).toHaveValue('20');
    await expect(field(page, 'Extra trackers')).toHaveValue('wss://tracker.example.org/announce');
    await expect(field(page, 'Bridge address')).toHaveValue(bridgeA.url);

    // A magnet with no trackers goes to the bridge at once: the engine started with the saved one.
    const infoHash = randomInfoHash();
    await page.goto(`/add?uri=${encodeURIComponent(`magnet:?xt=urn:btih:${infoHash}&dn=Bridged`)}`);
    await expect(page.getByTestId('torrent-page')).toBeVisible();
    await expect.poll(() => bridgeA.joined.some((uri) => uri.includes(infoHash)), { message: 'bridge A should be asked to join' }).toBe(true);
    expect(JSON.stringify(await (await page.request.get('/api/torrents')).json())).not.toContain(infoHash);

    // Changed while the engine runs: the running torrent moves to the new bridge.
    await page.getByTestId('nav-settings').click();
    await page.getByLabel('Bridge address').fill(bridgeB.url);
    await save(page, 'Saved.');
    await expect.poll(() => bridgeB.joined.some((uri) => uri.includes(infoHash)), { message: 'bridge B should be asked to join' }).toBe(true);

    await page.getByTestId('settings-reset').click();
    await expect(page.getByTestId('settings-status')).toHaveText('Defaults restored and saved.');
    await expect(field(page, 'Download limit')).toHaveValue('');
    await expect(page.getByRole('radio', { name: /This app's server/ })).toBeChecked();
    expect(await ownBridgeCookie(page)).toBeUndefined();
  } finally {
    bridgeA.server.close();
    bridgeB.server.close();
  }
});

test('the storage limit stops a download, deletes nothing, and raising it lets the download finish', async ({ page }) => {
  const file = await createRandomFile(4 * 1024 * 1024);
  const seeder = await startSeeder(file.path, ANNOUNCE_URL);
  try {
    await page.goto('/settings');
    await field(page, 'Storage limit').fill('1');
    await page.getByLabel('Storage limit unit').selectOption('MB');
    await save(page, 'Saved.');
    await expect(page.getByTestId('storage-used')).toContainText('In use now:');

    await page.goto(`/add?uri=${encodeURIComponent(seeder.magnetURI)}`);
    await waitForServiceWorkerControl(page);
    const torrentPage = page.getByTestId('torrent-page');
    const limitMessage = 'Storage limit of 1 MB reached. Free space in the Library or raise the limit in Settings.';
    await expect(torrentPage.getByText(limitMessage)).toBeVisible({ timeout: 90_000 });
    const stored = await storedPieceIndexes(page, seeder.infoHash);
    expect(stored.length, 'pieces stored before the limit').toBeGreaterThan(0);

    // Still stopped after a reload, with every piece it had.
    await page.reload();
    await expect(torrentPage.getByText(limitMessage)).toBeVisible();
    const afterReload = new Set(await storedPieceIndexes(page, seeder.infoHash));
    expect(stored.filter((index) => !afterReload.has(index)), 'no stored piece is deleted').toEqual([]);

    // What is stored still streams: one stored piece, byte for byte.
    const content = await readFile(file.path);
    const index = Math.min(...stored);
    const pieceLength = await storedPieceLength(page, seeder.infoHash);
    expect((index + 1) * pieceLength, 'a whole piece').toBeLessThanOrEqual(content.length);
    const range = `bytes=${index * pieceLength}-${(index + 1) * pieceLength - 1}`;
    const body = await fetchAndHashInPage(page, `/stream/${seeder.infoHash}/0`, range);
    const expected = createHash('sha256').update(content.subarray(index * pieceLength, (index + 1) * pieceLength)).digest('hex');
    expect(body).toMatchObject({ status: 206, sha256: expected });

    await page.getByTestId('nav-settings').click();
    await field(page, 'Storage limit').fill('');
    await save(page, 'Saved.');
    await expectWholeFileInPage(page, seeder.infoHash, file);
  } finally {
    await seeder.stop();
  }
});

test('a download limit holds a real download near it, and lifting it lets the download finish', async ({ page }, testInfo) => {
  const file = await createRandomFile(4 * 1024 * 1024);
  const seeder = await startSeeder(file.path, ANNOUNCE_URL);
  const limit = 64 * 1024;
  try {
    await page.goto('/settings');
    await field(page, 'Download limit').fill('64');
    await save(page, 'Saved.');

    await page.goto(`/add?uri=${encodeURIComponent(seeder.magnetURI)}`);
    const count = () => storedPieceCount(page, seeder.infoHash);
    await expect.poll(count, { message: 'the download should start', timeout: 90_000 }).toBeGreaterThan(0);
    const first = { at: Date.now(), pieces: await count() };
    const pieceSize = await storedPieceLength(page, seeder.infoHash);
    // Unthrottled, loopback WebRTC moves these 20 pieces in well under a second.
    await expect.poll(count, { timeout: 120_000 }).toBeGreaterThanOrEqual(first.pieces + 20);
    const last = { at: Date.now(), pieces: await count() };
    const rate = ((last.pieces - first.pieces) * pieceSize) / ((last.at - first.at) / 1000);
    recordFigure(testInfo, 'stored-rate', `${Math.round(rate / 1024)} KB/s under a 64 KB/s limit`);
    // Only an upper bound: a slow machine makes the rate lower, never higher.
    expect(rate, `stored at ${Math.round(rate / 1024)} KB/s under a 64 KB/s limit`).toBeLessThan(3 * limit);

    await page.getByTestId('nav-settings').click();
    await field(page, 'Download limit').fill('');
    await save(page, 'Saved.');
    await expectWholeFileInPage(page, seeder.infoHash, file);
  } finally {
    await seeder.stop();
  }
});

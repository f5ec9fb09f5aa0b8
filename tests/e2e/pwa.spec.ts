/**
 * The app as an installed PWA: Chromium finds it installable, its manifest
 * takes magnet links, shares and .torrent files, the shell loads offline, and
 * each way in (protocol handler link, shared text, shared file, paste) adds
 * the torrent.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { createTestVideo, DEFAULT_CLIP } from '../fixtures/media.ts';
import { expectPlayedPast, openPlayer, waitForAppCached, waitForServiceWorkerControl } from './helpers.ts';
import { AUDIO_WARMUP_GLOBAL } from '../../app/shared/audio-warmup.ts';
import { precompressFile } from '../../scripts/precompress-plugin.ts';
import { makeTorrentFile, randomInfoHash, seedFromHome } from './pwa-helpers.ts';

/** HTMLMediaElement.HAVE_ENOUGH_DATA: the clip's pipeline is up, audio renderer included. */
const HAVE_ENOUGH_DATA = 4;

/** The built app the e2e server serves (npm start's DIST_DIR, resolved the way the server does). */
const DIST_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  process.env.DIST_DIR ?? 'dist',
);

interface Manifest {
  protocol_handlers?: { protocol: string; url: string }[];
  share_target?: {
    action: string;
    method?: string;
    enctype?: string;
    params: { text?: string; url?: string; files?: { name: string; accept: string[] }[] };
  };
  file_handlers?: { action: string; accept: Record<string, string[]> }[];
  icons?: { src: string; sizes: string; purpose?: string }[];
}

/**
 * A page opened to play loads the silent clip that starts Chromium's audio
 * service (app/shared/audio-warmup.ts): decoded, never played. Other pages do not.
 */
async function expectAudioWarmup(page: Page, expected: boolean): Promise<void> {
  const clip = () =>
    page.evaluate((key) => {
      const audio = (self as unknown as Record<string, { clip: HTMLAudioElement | null } | undefined>)[key]?.clip;
      return audio ? { ready: audio.readyState, paused: audio.paused, error: audio.error?.message ?? null } : null;
    }, AUDIO_WARMUP_GLOBAL);
  if (!expected) {
    expect(await clip()).toBeNull();
    return;
  }
  await expect.poll(async () => (await clip())?.ready ?? -1).toBeGreaterThanOrEqual(HAVE_ENOUGH_DATA);
  expect(await clip()).toEqual({ ready: HAVE_ENOUGH_DATA, paused: true, error: null });
}

async function expectTorrentPage(page: Page, infoHash: string, name: string): Promise<void> {
  // A magnet's page waits to open its main file (?play=main) until the files are known.
  await expect(page).toHaveURL(new RegExp(`/t/${infoHash}(\\?play=main)?$`));
  await expect(page.getByTestId('torrent-page')).toHaveAttribute('data-infohash', infoHash);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
}

test('Chromium finds no installability errors', async ({ playwright, launchOptions, headless, baseURL }) => {
  // Off-the-record contexts (Playwright's default) are never installable: use a profile on disk.
  const profile = await mkdtemp(path.join(os.tmpdir(), 'btstream-install-'));
  const context = await playwright.chromium.launchPersistentContext(profile, { ...launchOptions, headless, baseURL });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto('/');
    await waitForServiceWorkerControl(page);
    // The app links its manifest once its start is over (app/src/lib/manifest-link.ts), not from index.html.
    await expect(page.locator('link[rel="manifest"]')).toHaveAttribute('href', '/manifest.webmanifest');
    const cdp = await context.newCDPSession(page);
    const manifest = (await cdp.send('Page.getAppManifest')) as { url: string; errors: { message: string }[] };
    expect(manifest.url, 'Chromium should have found the manifest').toMatch(/\/manifest\.webmanifest$/);
    expect(manifest.errors, 'the manifest should parse cleanly').toEqual([]);
    await expect
      .poll(async () => (await cdp.send('Page.getInstallabilityErrors')).installabilityErrors, {
        message: 'Page.getInstallabilityErrors should list nothing',
      })
      .toEqual([]);
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
});

test('the manifest takes magnet links, shares and .torrent files', async ({ request }) => {
  const res = await request.get('/manifest.webmanifest');
  expect(res.ok()).toBe(true);
  const manifest = (await res.json()) as Manifest;
  expect(manifest.protocol_handlers).toContainEqual({ protocol: 'magnet', url: '/add?uri=%s' });
  expect(manifest.share_target).toMatchObject({ method: 'POST', enctype: 'multipart/form-data' });
  expect(manifest.share_target?.params.text).toBe('text');
  expect(manifest.share_target?.params.files?.[0]?.accept).toContain('.torrent');
  expect(manifest.file_handlers?.[0]?.accept['application/x-bittorrent']).toEqual(['.torrent']);
  const purposes = manifest.icons?.map((icon) => `${icon.sizes} ${icon.purpose ?? 'any'}`);
  expect(purposes).toEqual(expect.arrayContaining(['192x192 any', '512x512 any', '512x512 maskable']));
  for (const icon of manifest.icons ?? []) {
    expect((await request.get(icon.src)).ok(), `${icon.src} should be served`).toBe(true);
  }
});

test('the app shell loads offline once the service worker is in', async ({ page, context }) => {
  await page.goto('/');
  await waitForServiceWorkerControl(page);
  await waitForAppCached(page);
  await context.setOffline(true);
  try {
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Watch torrents while they download' })).toBeVisible();
    await expect(page.getByTestId('add-input')).toBeVisible();
  } finally {
    await context.setOffline(false);
  }
});

test("the server's own paths skip the service worker (static routes), /stream/ does not", async ({ page }) => {
  await page.goto('/');
  await waitForServiceWorkerControl(page);
  const sources = await page.evaluate(async () => {
    // A query of their own, so each entry is this fetch's, not an earlier load's.
    const paths = ['/api/config?probe=1', '/health?probe=1', `/stream/${'0'.repeat(40)}/0?probe=1`];
    await Promise.all(paths.map((p) => fetch(p).then((r) => r.arrayBuffer())));
    return paths.map((p) => {
      const [entry] = performance.getEntriesByName(new URL(p, location.href).href) as (PerformanceResourceTiming & {
        workerMatchedSourceType?: string;
      })[];
      return entry?.workerMatchedSourceType;
    });
  });
  // "network": a static route matched, so no fetch event ran; "": the stream went to the worker's handler.
  expect(sources).toEqual(['network', 'network', '']);
});

test('a protocol handler link /add?uri=magnet… adds the torrent', async ({ page }) => {
  const infoHash = randomInfoHash();
  const name = `Protocol handler ${infoHash.slice(0, 6)}`;
  const magnet = `magnet:?xt=urn:btih:${infoHash}&dn=${encodeURIComponent(name)}`;
  // Exactly what the browser makes of the manifest's '/add?uri=%s'.
  await page.goto(`/add?uri=${encodeURIComponent(magnet)}`);
  await expectTorrentPage(page, infoHash, name);
  await expectAudioWarmup(page, true);
  await page.getByRole('link', { name: 'All torrents' }).click();
  await expect(page.locator(`[data-testid="torrent-row"][data-infohash="${infoHash}"]`)).toContainText(name);
});

test("a magnet link's torrent page shows while the engine starts, never the adding view", async ({ page }) => {
  const infoHash = randomInfoHash();
  const name = `Shown at once ${infoHash.slice(0, 6)}`;
  // What the page showed first: the adding view, or the torrent's page (and at which path).
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __firstViews: string[] }).__firstViews = seen;
    new MutationObserver(() => {
      if (document.querySelector('[data-testid="adding"]') && !seen.includes('adding')) seen.push('adding');
      const torrentPage = document.querySelector('[data-testid="torrent-page"]');
      if (torrentPage && !seen.some((s) => s.startsWith('torrent-page'))) seen.push(`torrent-page at ${location.pathname}`);
    }).observe(document, { subtree: true, childList: true });
  });
  await page.goto(`/add?uri=${encodeURIComponent(`magnet:?xt=urn:btih:${infoHash}&dn=${encodeURIComponent(name)}`)}`);
  await expectTorrentPage(page, infoHash, name);
  const views = await page.evaluate(() => (window as unknown as { __firstViews: string[] }).__firstViews);
  // Before the engine had it, at /add, with the name from the link; and /add handed over to the same page.
  expect(views).toEqual(['torrent-page at /add']);
  await expect(page).toHaveURL(new RegExp(`/t/${infoHash}\\?play=main$`));
});

test('shared text with a magnet link in it adds the torrent', async ({ page }) => {
  const infoHash = randomInfoHash();
  const name = `Shared text ${infoHash.slice(0, 6)}`;
  const text = `Have a look: magnet:?xt=urn:btih:${infoHash}&dn=${encodeURIComponent(name)} (it is good)`;
  await page.goto(`/add?${new URLSearchParams({ title: 'A film', text }).toString()}`);
  await expectTorrentPage(page, infoHash, name);
});

test('shared text without a magnet link says so in plain words', async ({ page }) => {
  await page.goto(`/add?${new URLSearchParams({ title: 'Hello', text: 'just some words' }).toString()}`);
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId('error')).toContainText('no magnet link');
  // The message belongs to the page /add landed on: moving on leaves it behind.
  await page.getByTestId('nav-settings').click();
  await expect(page.getByTestId('error')).toHaveCount(0);
});

test('a .torrent file shared to the app (POST to the share target) is added', async ({ page }) => {
  const torrent = makeTorrentFile(`shared-${randomInfoHash().slice(0, 6)}.bin`, randomBytes(40_000));
  await page.goto('/');
  await waitForServiceWorkerControl(page);
  // What the OS share sheet does: a multipart POST navigation to the manifest's share_target.
  const share = await page.evaluateHandle(() => {
    const form = document.createElement('form');
    form.method = 'POST';
    form.enctype = 'multipart/form-data';
    form.action = '/share-target';
    const input = document.createElement('input');
    input.type = 'file';
    input.name = 'torrents';
    form.append(input);
    document.body.append(form);
    return { form, input };
  });
  const input = await share.evaluateHandle((s) => s.input);
  await input.asElement()?.setInputFiles({
    name: `${torrent.name}.torrent`,
    mimeType: 'application/x-bittorrent',
    buffer: torrent.bytes,
  });
  await share.evaluate((s) => s.form.submit());
  await expectTorrentPage(page, torrent.infoHash, torrent.name);
  await expect(page.getByTestId('file-row')).toHaveCount(1);

  // The page took the files out of the service worker's cache, so a reload can't add them twice.
  const cached = await page.evaluate(async () => (await (await caches.open('btstream-shared-files')).keys()).length);
  expect(cached).toBe(0);
});

test('pasting a magnet link or a .torrent file outside the text field adds it', async ({ page }) => {
  await page.goto('/');
  await waitForServiceWorkerControl(page);

  const infoHash = randomInfoHash();
  const name = `Pasted ${infoHash.slice(0, 6)}`;
  const magnet = `magnet:?xt=urn:btih:${infoHash}&dn=${encodeURIComponent(name)}`;
  await page.evaluate((text) => {
    const data = new DataTransfer();
    data.setData('text/plain', text);
    document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  }, magnet);
  await expectTorrentPage(page, infoHash, name);
  // The home page loaded no clip; the add did.
  await expectAudioWarmup(page, true);

  const torrent = makeTorrentFile(`pasted-${randomInfoHash().slice(0, 6)}.bin`, randomBytes(20_000));
  await page.goto('/');
  await page.evaluate(
    ({ bytes, fileName }) => {
      const data = new DataTransfer();
      data.items.add(new File([new Uint8Array(bytes)], fileName, { type: 'application/x-bittorrent' }));
      document.body.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
    },
    { bytes: [...torrent.bytes], fileName: `${torrent.name}.torrent` },
  );
  await expectTorrentPage(page, torrent.infoHash, torrent.name);
});

test('pasting into the add field types, it does not add', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('add-input').focus();
  const notCancelled = await page.evaluate(() => {
    const data = new DataTransfer();
    data.setData('text/plain', 'magnet:?xt=urn:btih:0123456789abcdef0123456789abcdef01234567');
    const paste = new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true });
    return document.activeElement?.dispatchEvent(paste);
  });
  // The app cancels the pastes it takes; this one must reach the field.
  expect(notCancelled).toBe(true);
});

test('the home view offers to open magnet links with the app', async ({ page }) => {
  await page.goto('/');
  await expectAudioWarmup(page, false);
  const offer = page.getByTestId('magnet-handler');
  await expect(offer).toContainText('magnet links');
  await offer.getByRole('button', { name: 'Use for magnet links' }).click();
  await expect(offer).toContainText('magnet links now open here');
});

test('a new version waits for the user, without stopping a playing video', async ({ page }) => {
  const media = await createTestVideo(DEFAULT_CLIP);
  const infoHash = await seedFromHome(page, media.path);
  await waitForServiceWorkerControl(page);
  const video = await openPlayer(page, infoHash);
  await expectPlayedPast(video, 0.5);

  // Deploy a new version: the same worker with different bytes, compressed
  // copies too, as a build writes them. (Playwright's routing never sees the
  // browser's own fetch of a service worker script.)
  const swFile = path.join(DIST_DIR, 'sw.js');
  const original = await readFile(swFile, 'utf8');
  try {
    await writeFile(swFile, `${original}\n// next version ${Date.now()}\n`);
    await precompressFile(swFile);
    await page.evaluate(async () => {
      (window as Window & { beforeUpdate?: boolean }).beforeUpdate = true;
      await (await navigator.serviceWorker.getRegistration())?.update();
    });
  } finally {
    await writeFile(swFile, original);
    await precompressFile(swFile);
  }

  await expect(page.getByTestId('update-banner')).toContainText('Update available');
  const playedAt = await video.evaluate((v: HTMLVideoElement) => v.currentTime);
  await expectPlayedPast(video, playedAt + 1);
  const waiting = await page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration())?.waiting));
  expect(waiting, 'the new service worker should wait for the user').toBe(true);

  const reloaded = page.waitForEvent('load');
  await page.getByTestId('update-reload').click();
  await reloaded;
  expect(await page.evaluate(() => (window as Window & { beforeUpdate?: boolean }).beforeUpdate ?? false)).toBe(false);
  await waitForServiceWorkerControl(page);
  const after = await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    return { waiting: Boolean(registration?.waiting), controlledBy: navigator.serviceWorker.controller?.scriptURL };
  });
  expect(after.waiting, 'the new version should have taken over').toBe(false);
  expect(after.controlledBy).toMatch(/\/sw\.js$/);
  await expect(page.getByTestId('update-banner')).toHaveCount(0);
});

/**
 * Captures the install dialog's screenshots (public/screenshots/*.jpg) from the
 * real app. They are committed; run this again when the UI changes:
 *
 *   npm start            # in another terminal
 *   npx tsx scripts/screenshots.ts [http://127.0.0.1:8080]
 *
 * Each shot seeds a generated test video from the home view and plays it on
 * its torrent page, in the dark theme the manifest's colours match.
 */
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from '@playwright/test';
import { createTestVideo } from '../tests/fixtures/media.ts';

const OUT_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'public', 'screenshots');
const BASE_URL = process.argv[2] ?? 'http://127.0.0.1:8080';

/** Must match the `screenshots` sizes in vite.config.ts's manifest. */
const SHOTS = [
  { file: 'narrow.jpg', width: 390, height: 844 },
  { file: 'wide.jpg', width: 1280, height: 800 },
] as const;

async function capture(browser: Browser, video: Buffer, shot: (typeof SHOTS)[number]): Promise<void> {
  const context = await browser.newContext({
    baseURL: BASE_URL,
    viewport: { width: shot.width, height: shot.height },
    colorScheme: 'dark',
  });
  try {
    const page = await context.newPage();
    await page.goto('/');
    await page.getByTestId('seed-input').setInputFiles({ name: 'Test pattern.mp4', mimeType: 'video/mp4', buffer: video });
    await page.getByTestId('torrent-page').waitFor({ timeout: 60_000 });
    await page.getByTestId('file-play').first().click();
    const player = page.locator('video[data-testid="player"]');
    await player.waitFor();
    await page.waitForFunction(() => (document.querySelector('video')?.currentTime ?? 0) > 2, undefined, {
      timeout: 60_000,
    });
    await player.evaluate((v: HTMLVideoElement) => v.pause());
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: path.join(OUT_DIR, shot.file), type: 'jpeg', quality: 85 });
    console.log(`${shot.file}: ${shot.width}×${shot.height}`);
  } finally {
    await context.close();
  }
}

const media = await createTestVideo({ durationSec: 10, width: 640, height: 360 });
const video = await readFile(media.path);
await mkdir(OUT_DIR, { recursive: true });
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--autoplay-policy=no-user-gesture-required'],
});
try {
  for (const shot of SHOTS) await capture(browser, video, shot);
} finally {
  await browser.close();
}

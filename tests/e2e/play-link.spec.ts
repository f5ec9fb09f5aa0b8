/**
 * A play link (/t/<infoHash>?play=<n>) opened in a tab the service worker
 * controls: index.html's early script starts the video before the app runs,
 * and the player adopts that element with everything the player's own video
 * has; a torrent's page loads its stored main video paused, and Play adopts
 * it. A play link to a file that is not a video starts nothing early.
 */
import type { Page } from '@playwright/test';
import { EARLY_VIDEO_MARK } from '../../app/shared/early-start.ts';
import { createMixedFiles, SUBTITLE_LINE } from '../fixtures/mixed-files.ts';
import { expect, test } from './fixtures.ts';
import { expectFirstCue, expectPlayedPast } from './helpers.ts';
import { seedFromHome } from './pwa-helpers.ts';

/**
 * In the page: the early video's box each time it is drawn while still on the
 * stage, before the app mounts. Checked in each animation frame, and also as
 * each video frame callback runs: the app mounts from its own first-frame
 * callback, in the same rendering step, before that step's animation frames
 * (when the frame was decoded before the stage went up, that is the stage's
 * only step).
 */
function recordStagedBoxes() {
  const seen: number[][] = [];
  (globalThis as unknown as { stagedBoxes: number[][] }).stagedBoxes = seen;
  const check = () => {
    const video = document.querySelector('.early-stage video');
    if (!video) return;
    const r = video.getBoundingClientRect();
    seen.push([r.x, r.y, r.width, r.height]);
  };
  const proto = HTMLVideoElement.prototype;
  // Taken off the prototype as a plain function, called below with each video as `this`.
  const request = Reflect.get(proto, 'requestVideoFrameCallback');
  proto.requestVideoFrameCallback = function (this: HTMLVideoElement, callback: VideoFrameRequestCallback) {
    return request.call(this, (now, metadata) => {
      check();
      callback(now, metadata);
    });
  };
  const everyFrame = () => {
    check();
    if (!document.querySelector('video[data-testid="player"]')) requestAnimationFrame(everyFrame);
  };
  requestAnimationFrame(everyFrame);
}

const startedEarly = (page: Page) =>
  page.evaluate((mark) => performance.getEntriesByName(mark, 'mark').length > 0, EARLY_VIDEO_MARK);

test('a play link starts its video early, and the player adopts it whole', async ({ page }) => {
  const { paths } = await createMixedFiles();
  const infoHash = await seedFromHome(page, paths, { controlled: true });
  const indexOf = async (name: string) =>
    Number(await page.locator('[data-testid="file-row"]', { hasText: name }).getAttribute('data-index'));
  const film = await indexOf('Film.mp4');
  const subtitles = await indexOf('Film.en.srt');
  // Wholly stored, as the page's snapshot then says: the early video waits for its first frame before the app mounts.
  await expect(page.getByTestId('torrent-progress')).toHaveAttribute('aria-valuenow', '100');

  await test.step('the video starts from index.html, shows before the app mounts, and plays in the player', async () => {
    await page.addInitScript(recordStagedBoxes);
    await page.goto(`/t/${infoHash}?play=${film}`);
    expect(await startedEarly(page)).toBe(true);
    const video = page.locator('video[data-testid="player"]');
    await expectPlayedPast(video, 1);
    expect(await page.evaluate(() => [document.querySelectorAll('video').length, document.head.querySelector('video')])).toEqual([
      1,
      null,
    ]);
    await expect(video).toBeVisible();
    expect(await video.evaluate((v: HTMLVideoElement) => v.controls && v.muted)).toBe(true);
    // Shown before the mount, in the very box the player then keeps it in: nothing jumps.
    const staged = await page.evaluate(() => (globalThis as unknown as { stagedBoxes: number[][] }).stagedBoxes);
    expect(staged.length).toBeGreaterThan(0);
    const box = await video.evaluate((v) => {
      const r = v.getBoundingClientRect();
      return [r.x, r.y, r.width, r.height];
    });
    for (const seen of staged) expect(seen).toEqual(box);
  });

  await test.step('subtitles, shortcuts, Media Session and picture-in-picture work on it', async () => {
    const video = page.locator('video[data-testid="player"]');
    await expect(video.locator('track[data-testid="subtitle-track"]')).toHaveAttribute('label', 'en');
    await expectFirstCue(video, SUBTITLE_LINE);
    await page.locator('body').click({ position: { x: 1, y: 1 } });
    await page.keyboard.press('m');
    expect(await video.evaluate((v: HTMLVideoElement) => v.muted)).toBe(false);
    expect(await page.evaluate(() => navigator.mediaSession.metadata?.title)).toBe('Film.mp4');
    await expect(page.getByTestId('pip')).toBeVisible();
  });

  await test.step("the torrent's page loads its stored main video, paused, and Play adopts it", async () => {
    await page.goto(`/t/${infoHash}`);
    expect(await startedEarly(page)).toBe(true);
    const early = await page.waitForFunction(() => {
      const v = document.head.querySelector('video');
      return v && v.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA && v.paused ? v : null;
    });
    await page.locator('[data-testid="file-row"]', { hasText: 'Film.mp4' }).getByTestId('file-play').click();
    const video = page.locator('video[data-testid="player"]');
    await expectPlayedPast(video, 1);
    expect(await video.evaluate((v, e) => v === e, early)).toBe(true);
    expect(await page.evaluate(() => document.querySelectorAll('video').length)).toBe(1);
  });

  await test.step('a play link to the subtitles starts no video', async () => {
    await page.goto(`/t/${infoHash}?play=${subtitles}`);
    await expect(page.getByTestId('viewer-text')).toContainText(SUBTITLE_LINE);
    expect(await startedEarly(page)).toBe(false);
    expect(await page.evaluate(() => document.querySelectorAll('video').length)).toBe(0);
  });
});

/**
 * A multi-file torrent shared from the browser: each file opens in the viewer
 * that fits it, and the subtitles next to the video become a WebVTT track.
 * The torrent is named after its largest file.
 */
import { createMixedFiles, SUBTITLE_LINE, TEXT_LINE } from '../fixtures/mixed-files.ts';
import { expect, test } from './fixtures.ts';
import { expectFirstCue, expectPlayedPast } from './helpers.ts';
import { seedFromHome } from './pwa-helpers.ts';

test('each file of a mixed torrent opens in its viewer', async ({ page }) => {
  const { paths } = await createMixedFiles();
  await seedFromHome(page, paths, { controlled: true });
  // Named after its largest file, the film, not after whichever file came first.
  await expect(page.getByTestId('torrent-page').getByTestId('torrent-name')).toHaveText('Film');
  const row = (name: string) => page.locator('[data-testid="file-row"]', { hasText: name });

  await test.step('the video plays with the .srt as a subtitle track', async () => {
    await row('Film.mp4').getByTestId('file-play').click();
    const video = page.locator('video[data-testid="player"]');
    await expectPlayedPast(video, 1);
    // The native controls come on after the first frame (late-controls.ts).
    expect(await video.evaluate((v: HTMLVideoElement) => v.controls)).toBe(true);
    await expect(video.locator('track[data-testid="subtitle-track"]')).toHaveAttribute('label', 'en');
    await expectFirstCue(video, SUBTITLE_LINE);
  });

  await test.step('the image shows', async () => {
    await row('poster.png').getByTestId('file-view').click();
    const img = page.getByTestId('viewer-image');
    await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.naturalWidth)).toBe(64);
  });

  await test.step('the PDF opens in the browser viewer', async () => {
    await row('sheet.pdf').getByTestId('file-view').click();
    const pdf = page.getByTestId('viewer-pdf');
    const src = await pdf.getAttribute('data');
    expect(src).toMatch(/^\/stream\/[0-9a-f]{40}\/\d+\/sheet\.pdf$/);
    const type = await page.evaluate(async (url) => (await fetch(url)).headers.get('content-type'), src ?? '');
    expect(type).toBe('application/pdf');
  });

  await test.step('text and subtitles show as text', async () => {
    await row('notes.txt').getByTestId('file-view').click();
    await expect(page.getByTestId('viewer-text')).toContainText(TEXT_LINE);
    await row('Film.en.srt').getByTestId('file-view').click();
    await expect(page.getByTestId('viewer-text')).toContainText(SUBTITLE_LINE);
  });
});

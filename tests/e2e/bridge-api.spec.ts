/**
 * The server's bridge seen from a browser that has no service worker for the
 * server's origin: aria2 seeds an MP4 over TCP, the server joins the swarm
 * through its API, and a page on another origin (localhost vs 127.0.0.1)
 * plays the /stream/ URL in a <video> and fetches the BEP19 web seed the way
 * webtorrent does (a preflighted cross-origin Range request).
 */
import { seedCopyWithAria2 } from '../fixtures/aria2.ts';
import { sha256OfSlice } from '../fixtures/media.ts';
import { BASE_URL, E2E_PORT } from './env.ts';
import { expect, test } from './fixtures.ts';
import { expectPlayedPast } from './helpers.ts';

/** Same server, another origin: the app's service worker (on 127.0.0.1) does not control it. */
const OTHER_ORIGIN = `http://localhost:${E2E_PORT}`;

test('a page on another origin plays /stream/ from the bridge and uses its web seed', async ({ page, request, media }) => {
  let seeded: Awaited<ReturnType<typeof seedCopyWithAria2>> | undefined;
  try {
    const infoHash = await test.step('aria2 seeds the clip; the server joins its swarm', async () => {
      seeded = await seedCopyWithAria2(media, `${BASE_URL}/announce`);
      const { made } = seeded;
      const res = await request.post('/api/torrents', { data: { uri: made.magnetURI } });
      expect([200, 201]).toContain(res.status());
      expect(await res.json()).toMatchObject({ infoHash: made.infoHash });
      return made.infoHash;
    });

    await page.goto(`${OTHER_ORIGIN}/health`);

    await test.step('a <video> plays the /stream/ URL straight from the server', async () => {
      const src = `${BASE_URL}/stream/${infoHash}/0/${encodeURIComponent(media.fileName)}`;
      await page.evaluate((url) => {
        const video = document.createElement('video');
        video.muted = true;
        video.autoplay = true;
        video.src = url;
        document.body.append(video);
      }, src);
      await expectPlayedPast(page.locator('video'), 2);
    });

    await test.step('a cross-origin Range request with Cache-Control (as webtorrent sends) reads the web seed', async () => {
      const start = 1000;
      const end = Math.min(media.size - 1, 70_999);
      const result = await page.evaluate(
        async ({ url, range }) => {
          const res = await fetch(url, { headers: { range, 'cache-control': 'no-store' }, cache: 'no-store' });
          const digest = await crypto.subtle.digest('SHA-256', await res.arrayBuffer());
          return {
            status: res.status,
            contentRange: res.headers.get('content-range'),
            sha256: Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join(''),
          };
        },
        { url: `${BASE_URL}/webseed/${infoHash}`, range: `bytes=${start}-${end}` },
      );
      expect(result.status).toBe(206);
      expect(result.contentRange).toBe(`bytes ${start}-${end}/${media.size}`);
      expect(result.sha256).toBe(await sha256OfSlice(media.path, start, end));
    });

    await test.step('the server forgets the torrent on DELETE', async () => {
      expect((await request.delete(`/api/torrents/${infoHash}`)).status()).toBe(204);
      expect((await request.get(`/api/torrents/${infoHash}`)).status()).toBe(404);
    });
  } finally {
    await seeded?.aria2.stop();
  }
});

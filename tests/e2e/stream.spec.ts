/**
 * A Node peer seeds a short MP4 over WebRTC; the app adds it from an /add link,
 * plays it through the service worker's /stream/ URL while it downloads, and
 * finally serves the whole file back byte for byte.
 */
import { sha256OfSlice } from '../fixtures/media.ts';
import { expect, test } from './fixtures.ts';
import {
  addTorrentViaLink,
  expectPlayedPast,
  expectTorrentShown,
  expectPlayerOpenedItself,
  expectWholeFileInPage,
  fetchAndHashInPage,
  installFirstFrameProbe,
  readFirstFrameTimes,
  recordFigure,
  streamUrl,
  waitForServiceWorkerControl,
} from './helpers.ts';

test('streams a torrent from a WebRTC seeder into a <video>, then serves the whole file', async ({
  page,
  media,
  seeder,
}, testInfo) => {
  const infoHash = seeder.infoHash;
  await installFirstFrameProbe(page);

  const startedAt = await test.step('add the magnet via /add?uri=', async () => {
    const t = await addTorrentViaLink(page, seeder.magnetURI);
    await expectTorrentShown(page, media.fileName);
    return t;
  });

  await test.step('a service worker controls the page', () => waitForServiceWorkerControl(page));

  const video = await test.step('the page opens the film by itself', () => expectPlayerOpenedItself(page, infoHash));

  await test.step('the video plays past 1 s', () => expectPlayedPast(video, 1));

  const times = await readFirstFrameTimes(page);
  const firstFrame = times.frame ?? times.playing;
  recordFigure(
    testInfo,
    'time-to-first-frame-ms',
    firstFrame === null
      ? 'not recorded'
      : `${firstFrame - startedAt} (from /add navigation; loadeddata +${times.loadeddata === null ? '?' : times.loadeddata - startedAt}, playing +${times.playing === null ? '?' : times.playing - startedAt})`,
  );

  await test.step('the whole file comes back through /stream/ with the same SHA-256', () =>
    expectWholeFileInPage(page, infoHash, media),
  );

  await test.step('a Range request gets exactly those bytes', async () => {
    const start = Math.floor(media.size / 3);
    const end = start + 65_535;
    const res = await fetchAndHashInPage(page, streamUrl(infoHash), `bytes=${start}-${end}`);
    expect(res.status).toBe(206);
    expect(res.contentRange).toBe(`bytes ${start}-${end}/${media.size}`);
    expect(res.size).toBe(end - start + 1);
    expect(res.sha256).toBe(await sha256OfSlice(media.path, start, end));
  });
});

/**
 * Browser A gets the file from the Node seeder; the seeder leaves; browser B
 * (a separate context, so separate IndexedDB) then gets the whole file from A
 * over WebRTC through the server's tracker, starting from the metadata A
 * published to the server.
 */
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { expect } from '@playwright/test';
import bencode from 'bencode';
import { BASE_URL } from './env.ts';
import { test } from './fixtures.ts';
import { addTorrentViaLink, expectTorrentShown, expectWholeFileInPage, waitForServiceWorkerControl } from './helpers.ts';

async function addAndWaitForWholeFile(
  browser: Browser,
  contexts: BrowserContext[],
  magnetURI: string,
  infoHash: string,
  media: { fileName: string; size: number; sha256: string },
): Promise<Page> {
  const context = await browser.newContext();
  contexts.push(context);
  const page = await context.newPage();
  await addTorrentViaLink(page, magnetURI);
  await expectTorrentShown(page, media.fileName);
  await waitForServiceWorkerControl(page);
  await expectWholeFileInPage(page, infoHash, media);
  return page;
}

test('a second browser downloads the file from the first after the seeder has gone', async ({
  browser,
  media,
  seeder,
}) => {
  test.setTimeout(360_000);
  const contexts: BrowserContext[] = [];
  try {
    await test.step('browser A downloads the whole file from the Node seeder', () =>
      addAndWaitForWholeFile(browser, contexts, seeder.magnetURI, seeder.infoHash, media),
    );

    await test.step('browser A published the metadata it got from a peer to the server', async () => {
      const res = await fetch(`${BASE_URL}/api/torrents/${seeder.infoHash}/torrent`);
      expect(res.status).toBe(200);
      const root = bencode.decode(new Uint8Array(await res.arrayBuffer())) as { info?: { name?: Uint8Array } };
      expect(Buffer.from(root.info?.name ?? []).toString()).toBe(media.fileName);
    });

    await test.step('the Node seeder leaves the swarm', () => seeder.stop());

    // A's page stays open, so its engine keeps seeding.
    const pageB = await test.step('browser B downloads the whole file from browser A', () =>
      addAndWaitForWholeFile(browser, contexts, seeder.magnetURI, seeder.infoHash, media),
    );

    await test.step("B's offers to A were the ones its page prepared while the engine started", async () => {
      const engine = pageB.workers().find((w) => /\/worker-[^/]*\.js$/.test(w.url()));
      expect(engine, 'the engine worker should be running').toBeDefined();
      const marks = await engine!.evaluate(() => performance.getEntriesByName('bt:rtc:prepared-offer').length);
      expect(marks, 'a connection should have taken a prepared offer (rtc-pool.ts)').toBe(1);
      const [metadata, firstWire] = await engine!.evaluate(() =>
        ['bt:engine:metadata', 'bt:engine:first-wire'].map((name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN),
      );
      expect(metadata, "B's metadata should have come from the server, before any peer").toBeLessThan(firstWire!);
    });
  } finally {
    for (const context of contexts) await context.close();
  }
});

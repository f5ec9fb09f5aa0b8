/**
 * Drives stock webtorrent 3.0.21 (its prebuilt browser bundle) on the main
 * thread of the reference page, the way instant.io-style apps use it.
 */
import type { BrowserContext, Page } from '@playwright/test';
import { newDiskContext } from './browser.ts';
import type { ReferenceServer } from './reference-server.ts';

/** The slice of webtorrent's API the bench calls inside the page. */
export interface RefTorrent {
  infoHash: string;
  magnetURI: string;
  done: boolean;
  /** 0..1 */
  progress: number;
  files: { streamTo(element: HTMLMediaElement): void }[];
  on(event: 'done', listener: () => void): void;
}

export interface RefClient {
  seed(file: File, opts: { announce: string[]; name?: string }, onSeed: (torrent: RefTorrent) => void): void;
  add(magnetURI: string, opts: { announce: string[] }, onReady: (torrent: RefTorrent) => void): void;
  createServer(opts: { controller: ServiceWorkerRegistration }): unknown;
  on(event: 'error', listener: (err: unknown) => void): void;
}

export interface RefWindow {
  WebTorrent?: new (opts: { tracker: { rtcConfig: RTCConfiguration } }) => RefClient;
  benchClient?: RefClient;
  benchTorrent?: RefTorrent;
}

export interface RefSeeder {
  context: BrowserContext;
  page: Page;
  magnetURI: string;
  infoHash: string;
}

/** Opens the reference page and waits for the bundle to have loaded. */
export async function openReferencePage(page: Page, reference: ReferenceServer): Promise<void> {
  await page.goto(`${reference.url}/`, { waitUntil: 'commit' });
  await page.waitForFunction(() => Boolean((window as unknown as RefWindow).WebTorrent), null, {
    timeout: 30_000,
    polling: 10,
  });
}

/** Seeds `filePath` (as a File from the page's file input) with stock webtorrent. */
export async function seedInReference(
  reference: ReferenceServer,
  filePath: string,
  announce: string,
): Promise<RefSeeder> {
  const context = await newDiskContext();
  try {
    const page = await context.newPage();
    await openReferencePage(page, reference);
    await page.locator('#file').setInputFiles(filePath);
    const seeded = await page.evaluate(
      (announce) =>
        new Promise<{ magnetURI: string; infoHash: string }>((resolve, reject) => {
          const w = window as unknown as RefWindow;
          const file = (document.getElementById('file') as HTMLInputElement).files?.[0];
          if (!w.WebTorrent || !file) return reject(new Error('no WebTorrent or no file'));
          const client = new w.WebTorrent({ tracker: { rtcConfig: { iceServers: [] } } });
          w.benchClient = client;
          client.on('error', (err) => reject(new Error(String(err))));
          // A swarm of its own: under the file's own name it had the app seeder's infohash, and each
          // side's leecher got both seeders (a second wire in the first-frame trace).
          const name = `stock-${file.name}`;
          client.seed(file, { announce: [announce], name }, (t) => resolve({ magnetURI: t.magnetURI, infoHash: t.infoHash }));
        }),
      announce,
    );
    return { context, page, ...seeded };
  } catch (err) {
    await context.close();
    throw err;
  }
}

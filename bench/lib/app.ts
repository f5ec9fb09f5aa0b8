/**
 * Drives the app through its UI only: the seed input, the torrent page's
 * magnet link, state badge and progress bar, and `/add?uri=`.
 */
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { newContext, newDiskContext } from './browser.ts';
import type { AppServer } from './server.ts';

export interface AppSeeder {
  context: BrowserContext;
  page: Page;
  magnetURI: string;
  infoHash: string;
}

const SEED_TIMEOUT_MS = 180_000;

/** What the page shows, to explain a failure in plain words. */
export async function describeAppPage(page: Page): Promise<string> {
  const text = (selector: string) =>
    page
      .locator(selector)
      .first()
      .textContent({ timeout: 1_000 })
      .then((t) => t?.trim() ?? null)
      .catch(() => null);
  const state = await text('[data-testid="torrent-state"]');
  const progress = await page
    .locator('[data-testid="torrent-progress"]')
    .first()
    .getAttribute('aria-valuenow', { timeout: 1_000 })
    .catch(() => null);
  const error = await text('[data-testid="error"]');
  return `url=${page.url()} state=${state ?? '-'} progress=${progress ?? '-'}% error=${error ?? '-'}`;
}

/** Runs a step; on failure the error also says what the page showed. */
export async function explainAppFailure<T>(page: Page, step: string, action: Promise<T>): Promise<T> {
  try {
    return await action;
  } catch (err) {
    const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
    throw new Error(`${step} failed (${message}); the page showed: ${await describeAppPage(page)}`, { cause: err });
  }
}

/**
 * Opens the app in a fresh context and seeds `filePath` from it with the
 * "Share your own files" input. The context keeps its storage on disk, as a
 * user's does, unless `storage` is 'memory': a context of `browser`, which
 * browser-wide tracing needs.
 */
export async function seedInApp(
  browser: Browser,
  app: AppServer,
  filePath: string,
  storage: 'disk' | 'memory' = 'disk',
): Promise<AppSeeder> {
  const context = storage === 'disk' ? await newDiskContext() : await newContext(browser);
  try {
    const page = await context.newPage();
    await page.goto(`${app.url}/`);
    await page.locator('input[data-testid="seed-input"]').setInputFiles(filePath, { timeout: 30_000 });
    await explainAppFailure(
      page,
      'seeding: waiting for /t/<infoHash>',
      page.waitForURL(/\/t\/[0-9a-f]{40}$/, { timeout: SEED_TIMEOUT_MS }),
    );
    const infoHash = new URL(page.url()).pathname.split('/')[2] ?? '';
    const magnetURI = await explainAppFailure(
      page,
      'seeding: reading the magnet link',
      page.locator('a[data-testid="magnet-link"]').getAttribute('href', { timeout: 30_000 }),
    );
    if (!magnetURI?.startsWith('magnet:')) throw new Error(`the magnet link is "${magnetURI}"`);
    await explainAppFailure(
      page,
      'seeding: waiting for the state "Seeding"',
      page.waitForFunction(
        () => document.querySelector('[data-testid="torrent-state"]')?.textContent?.trim() === 'Seeding',
        null,
        { timeout: SEED_TIMEOUT_MS, polling: 250 },
      ),
    );
    return { context, page, magnetURI, infoHash };
  } catch (err) {
    await context.close();
    throw err;
  }
}

/**
 * Waits until the app's download of `infoHash` shows 100 % in the progress bar;
 * resolves with the page's wall clock. A MutationObserver sees the bar change
 * without any timer adding main-thread work.
 */
export function waitForAppComplete(page: Page, infoHash: string): Promise<number> {
  return page.evaluate(
    (ih) =>
      new Promise<number>((resolve) => {
        const check = () => {
          const view = document.querySelector<HTMLElement>('[data-testid="torrent-page"]');
          const bar = view?.querySelector('[data-testid="torrent-progress"]');
          if (view?.dataset.infohash !== ih || bar?.getAttribute('aria-valuenow') !== '100') return;
          observer.disconnect();
          resolve(performance.timeOrigin + performance.now());
        };
        const observer = new MutationObserver(check);
        observer.observe(document, { subtree: true, childList: true, attributes: true });
        check();
      }),
    infoHash,
  );
}

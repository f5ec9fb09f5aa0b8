/**
 * The page asks the service worker to cache the app's own files. A first
 * install takes control before caching them (sw/app-shell.ts), so the page
 * asks once it is idle, and the app then opens offline.
 */
export type CacheAppRequest = { type: 'cache-app' };

export function isCacheAppRequest(data: unknown): data is CacheAppRequest {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'cache-app';
}

/**
 * The web app manifest. index.html does not link it: the app adds the link
 * once its start is over (app/src/lib/manifest-link.ts), since Chromium
 * fetches and parses the manifest and fetches and decodes its icons as soon
 * as a page links one, on the browser's main thread, during every start.
 */
export const MANIFEST_PATH = '/manifest.webmanifest';

/**
 * The page asks the service worker to cache the app's own files. A first
 * install takes control before caching them (sw/app-shell.ts), so the page
 * asks once it is idle, and the app then opens offline.
 */
export type CacheAppRequest = { type: 'cache-app' };

export function isCacheAppRequest(data: unknown): data is CacheAppRequest {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'cache-app';
}

import { PrecacheController, PrecacheRoute, type PrecacheEntry } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { keptInMemory } from './shell-copy';

declare let self: ServiceWorkerGlobalScope;

/** Paths the server answers itself: navigations there never get the app shell. */
const SERVER_PATHS = [/^\/stream\//, /^\/api\//, /^\/health/, /^\/announce/, /^\/metrics/];

const shell = new PrecacheController();

/**
 * The app's own files, cached by Workbox. A first install takes control at
 * once: streaming needs this worker, and there is no older version to keep
 * consistent with. Until the files are cached (cacheAppShell, when the page
 * asks) they come from the network. An update caches them while it installs,
 * before it can take over.
 */
export function routeAppShell(manifest: (string | PrecacheEntry)[]): void {
  shell.addToCacheList(manifest);
  registerRoute(new PrecacheRoute(shell));
  const page = keptInMemory(shell.createHandlerBoundToURL('index.html'), () => shell.matchPrecache('index.html'));
  registerRoute(new NavigationRoute(page, { denylist: SERVER_PATHS }));
}

export function onInstall(event: ExtendableEvent): void {
  // An update waits for the user's "reload" (SKIP_WAITING), so it never swaps the worker under a playing video.
  if (self.registration.active) void shell.install(event);
  else void self.skipWaiting();
}

export function onActivate(event: ExtendableEvent): void {
  // Drops files of older versions; the claim lets the page stream without a reload.
  event.waitUntil(Promise.all([self.clients.claim(), shell.activate(event)]));
}

/**
 * Caches whatever of the app is not cached yet. Not through shell.install():
 * Workbox fills its cache only during an 'install' event, and this runs on
 * the page's message.
 */
export function cacheAppShell(event: ExtendableEvent): void {
  event.waitUntil(fillShellCache().catch((err: unknown) => console.warn('[sw] caching the app failed', err)));
}

async function fillShellCache(): Promise<void> {
  const cache = await caches.open(shell.strategy.cacheName);
  for (const [url, cacheKey] of shell.getURLsToCacheKeys()) {
    if (await cache.match(cacheKey)) continue;
    const response = await fetch(url, { credentials: 'same-origin' });
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    await cache.put(cacheKey, response);
  }
}

/**
 * Runs in the page: whether the service worker has cached what an offline
 * start needs: index.html and every script and stylesheet of /assets/ the
 * page loaded (the app's bundle, its chunks, the engine worker). The app
 * caches them a moment after its first start (sw/app-shell.ts), so a test
 * that goes offline waits for this first. Self-contained for page.evaluate.
 */
export async function appIsCached(): Promise<boolean> {
  const wanted = new Set(['/index.html']);
  for (const entry of performance.getEntriesByType('resource')) {
    const url = new URL(entry.name);
    if (url.origin === location.origin && /^\/assets\/.+\.(js|css)$/.test(url.pathname)) wanted.add(url.pathname);
  }
  const cached = new Set<string>();
  for (const name of await caches.keys()) {
    if (!name.includes('precache')) continue;
    for (const request of await (await caches.open(name)).keys()) cached.add(new URL(request.url).pathname);
  }
  return [...wanted].every((path) => cached.has(path));
}

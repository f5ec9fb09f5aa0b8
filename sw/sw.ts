import { cleanupOutdatedCaches } from 'workbox-precaching';
import { isCacheAppRequest } from '../app/shared/app-shell-contract';
import { likelyPlayed } from '../app/shared/play-link';
import { isClaimRequest, isPageToSw } from '../app/shared/sw-contract';
import { isStreamPath } from '../app/shared/stream-url';
import { cacheAppShell, onActivate, onInstall, routeAppShell } from './app-shell';
import { acceptEnginePort } from './engine-link';
import { handleShareTarget, isShareTarget } from './share-target';
import { handleStream } from './stream-handler';
import { routeServerPaths } from './static-routes';
import { isSkipWaiting } from './update';
import { warmFileStart } from './warm-start';

declare let self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | { url: string; revision: string | null })[] };

self.addEventListener('install', onInstall);
self.addEventListener('install', routeServerPaths);
self.addEventListener('activate', onActivate);

self.addEventListener('message', (event) => {
  if (isPageToSw(event.data)) acceptEnginePort(event.data.port);
  else if (isSkipWaiting(event.data)) void self.skipWaiting();
  else if (isClaimRequest(event.data)) event.waitUntil(self.clients.claim());
  else if (isCacheAppRequest(event.data)) cacheAppShell(event);
});

// Registered before Workbox's routes so /stream/ never reaches them.
self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (url.origin !== self.location.origin || !isStreamPath(url.pathname)) return;
  if (event.request.method !== 'GET' && event.request.method !== 'HEAD') return;
  event.respondWith(handleStream(event.request, url));
});

// A torrent's page asks for its file's start ~100 ms after this (at once for a
// play link, on Play otherwise): read it now, from a task of its own, so Workbox
// answers the navigation first. (Before Workbox's listener: respondWith() stops
// the event's propagation.)
self.addEventListener('fetch', (event) => {
  if (event.request.mode !== 'navigate') return;
  const target = likelyPlayed(new URL(event.request.url));
  if (target) event.waitUntil(afterThisTask().then(() => warmFileStart(target)));
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (isShareTarget(event.request, url)) event.respondWith(handleShareTarget(event.request));
});

routeAppShell(self.__WB_MANIFEST);
cleanupOutdatedCaches();

function afterThisTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

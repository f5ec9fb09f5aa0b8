import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { isClaimRequest, isPageToSw } from '../app/shared/sw-contract';
import { isStreamPath } from '../app/shared/stream-url';
import { acceptEnginePort } from './engine-link';
import { handleShareTarget, isShareTarget } from './share-target';
import { handleStream } from './stream-handler';
import { isSkipWaiting } from './update';

declare let self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | { url: string; revision: string | null })[] };

self.addEventListener('install', () => {
  // The first install has nothing to disrupt. An update waits for the user's
  // "reload" (SKIP_WAITING), so it never swaps the worker under a playing video.
  if (!self.registration.active) void self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
});

self.addEventListener('message', (event) => {
  if (isPageToSw(event.data)) acceptEnginePort(event.data.port);
  else if (isSkipWaiting(event.data)) void self.skipWaiting();
  else if (isClaimRequest(event.data)) event.waitUntil(self.clients.claim());
});

// Registered before Workbox's routes so /stream/ never reaches them.
self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (url.origin !== self.location.origin || !isStreamPath(url.pathname)) return;
  if (event.request.method !== 'GET' && event.request.method !== 'HEAD') return;
  event.respondWith(handleStream(event.request, url));
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (isShareTarget(event.request, url)) event.respondWith(handleShareTarget(event.request));
});

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('index.html'), {
    denylist: [/^\/stream\//, /^\/api\//, /^\/health/, /^\/announce/, /^\/metrics/],
  }),
);

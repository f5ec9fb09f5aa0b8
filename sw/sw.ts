import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { isPageToSw } from '../app/shared/sw-contract';
import { isStreamPath } from '../app/shared/stream-url';
import { acceptEnginePort } from './engine-link';
import { handleStream } from './stream-handler';

declare let self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | { url: string; revision: string | null })[] };

self.addEventListener('install', () => {
  void self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(self.clients.claim());
});

self.addEventListener('message', (event) => {
  if (isPageToSw(event.data)) acceptEnginePort(event.data.port);
});

// Registered before Workbox's routes so /stream/ never reaches them.
self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (url.origin !== self.location.origin || !isStreamPath(url.pathname)) return;
  if (event.request.method !== 'GET' && event.request.method !== 'HEAD') return;
  event.respondWith(handleStream(event.request, url));
});

precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
registerRoute(
  new NavigationRoute(createHandlerBoundToURL('index.html'), {
    denylist: [/^\/stream\//, /^\/api\//, /^\/health/, /^\/announce/, /^\/metrics/],
  }),
);

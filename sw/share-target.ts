import {
  SHARE_FILES_FIELD,
  SHARE_TARGET_PATH,
  SHARED_AT_HEADER,
  SHARED_FILES_CACHE,
  SHARED_FILES_TTL_MS,
  SHARED_NAME_HEADER,
  sharedFilesPrefix,
} from '../app/shared/share-contract';

declare let self: ServiceWorkerGlobalScope;

/** Text fields of a share that /add knows how to search for a magnet link. */
const TEXT_FIELDS = ['title', 'text', 'url'] as const;

/** The manifest's share target: every share, text or files, is POSTed here. */
export function isShareTarget(request: Request, url: URL): boolean {
  return request.method === 'POST' && url.origin === self.location.origin && url.pathname === SHARE_TARGET_PATH;
}

/**
 * Keeps shared files in the Cache API and sends the page to `/add?shared=<id>`
 * to add them; shared text goes to `/add?text=…` as the query. A 303 makes the
 * browser GET the page, so a reload there does not post the share again.
 */
export async function handleShareTarget(request: Request): Promise<Response> {
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return redirectToAdd(new URLSearchParams({ 'share-error': 'unreadable' }));
  }
  const files = form.getAll(SHARE_FILES_FIELD).filter((v): v is File => v instanceof File && v.size > 0);
  if (files.length > 0) {
    const id = crypto.randomUUID();
    await storeFiles(id, files);
    return redirectToAdd(new URLSearchParams({ shared: id }));
  }
  const query = new URLSearchParams();
  for (const field of TEXT_FIELDS) {
    const value = form.get(field);
    if (typeof value === 'string' && value !== '') query.set(field, value);
  }
  return redirectToAdd(query);
}

async function storeFiles(id: string, files: File[]): Promise<void> {
  const cache = await caches.open(SHARED_FILES_CACHE);
  await dropStale(cache);
  const now = String(Date.now());
  await Promise.all(
    files.map((file, i) =>
      cache.put(
        new URL(`${sharedFilesPrefix(id)}${i}`, self.location.origin).href,
        new Response(file, {
          headers: {
            'Content-Type': file.type || 'application/x-bittorrent',
            [SHARED_NAME_HEADER]: encodeURIComponent(file.name),
            [SHARED_AT_HEADER]: now,
          },
        }),
      ),
    ),
  );
}

/** Shares the page never picked up (its tab closed first) would otherwise stay forever. */
async function dropStale(cache: Cache): Promise<void> {
  const cutoff = Date.now() - SHARED_FILES_TTL_MS;
  for (const request of await cache.keys()) {
    const at = Number((await cache.match(request))?.headers.get(SHARED_AT_HEADER) ?? 0);
    if (at < cutoff) await cache.delete(request);
  }
}

function redirectToAdd(query: URLSearchParams): Response {
  return Response.redirect(new URL(`/add?${query.toString()}`, self.location.origin).href, 303);
}

import { SHARED_FILES_CACHE, SHARED_NAME_HEADER, sharedFilesPrefix } from '../../shared/share-contract';

/**
 * Takes the files of one share out of the cache the service worker put them
 * in (sw/share-target.ts). Taken means deleted: a reload doesn't add them twice.
 */
export async function takeSharedFiles(id: string): Promise<File[]> {
  if (typeof caches === 'undefined') return [];
  const cache = await caches.open(SHARED_FILES_CACHE);
  const prefix = new URL(sharedFilesPrefix(id), location.origin).href;
  const files: File[] = [];
  for (const request of await cache.keys()) {
    if (!request.url.startsWith(prefix)) continue;
    const response = await cache.match(request);
    if (response) {
      const name = decodeURIComponent(response.headers.get(SHARED_NAME_HEADER) ?? 'shared.torrent');
      const blob = await response.blob();
      files.push(new File([blob], name, { type: blob.type }));
    }
    await cache.delete(request);
  }
  return files;
}

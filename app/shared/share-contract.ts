/**
 * The manifest's share target, the service worker that receives shared
 * .torrent files, and the page that adds them all meet here.
 *
 * A share arrives as a POST to SHARE_TARGET_PATH. The service worker keeps its
 * files in the SHARED_FILES_CACHE under sharedFilesPrefix(id) and redirects to
 * `/add?shared=<id>`; the page takes them from there and deletes them.
 */

export const SHARE_TARGET_PATH = '/share-target';
/** The multipart field that carries the shared files. */
export const SHARE_FILES_FIELD = 'torrents';
export const SHARED_FILES_CACHE = 'btstream-shared-files';
/** Holds the file's name (URI-encoded), which a cached Response has no place for. */
export const SHARED_NAME_HEADER = 'x-shared-name';
/** Date.now() when the file was shared, so stale leftovers can be dropped. */
export const SHARED_AT_HEADER = 'x-shared-at';
/** Shared files nobody picked up are dropped after this long. */
export const SHARED_FILES_TTL_MS = 60 * 60 * 1000;

/** Path under which one share's files are cached; never fetched from the network. */
export function sharedFilesPrefix(id: string): string {
  return `/shared-files/${encodeURIComponent(id)}/`;
}

/** The app's pages, parsed from a URL. Pure so it can be unit tested. */
export type Route =
  | { name: 'home' }
  /** `uri` is the still-unvalidated magnet, info hash or .torrent URL. */
  | { name: 'add'; uri: string }
  | { name: 'torrent'; infoHash: string }
  | { name: 'library' }
  | { name: 'settings' }
  | { name: 'not-found'; path: string };

const TORRENT_PATH = /^\/t\/([^/]+)\/?$/;

export function parseRoute(url: URL): Route {
  const path = url.pathname;
  if (path === '/' || path === '/index.html') return { name: 'home' };
  if (path === '/library' || path === '/library/') return { name: 'library' };
  if (path === '/settings' || path === '/settings/') return { name: 'settings' };
  if (path === '/add' || path === '/add/') {
    return { name: 'add', uri: url.searchParams.get('uri') ?? '' };
  }
  const match = TORRENT_PATH.exec(path);
  if (match?.[1]) {
    return { name: 'torrent', infoHash: safeDecode(match[1]).toLowerCase() };
  }
  return { name: 'not-found', path };
}

export function torrentPath(infoHash: string): string {
  return `/t/${encodeURIComponent(infoHash)}`;
}

/** Whether a same-origin path is one of ours (and not e.g. /stream/ or an asset). */
export function isAppPath(url: URL): boolean {
  return parseRoute(url).name !== 'not-found';
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

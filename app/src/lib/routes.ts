/** The app's pages, parsed from a URL. Pure so it can be unit tested. */
export type PlayRequest = number | 'main' | null;

export type Route =
  | { name: 'home' }
  /** `uri` is the still-unvalidated magnet, info hash or .torrent URL. */
  | { name: 'add'; uri: string }
  /** `play`: the file to open at once, or 'main' for the torrent's main video or audio once its files are known. */
  | { name: 'torrent'; infoHash: string; play: PlayRequest }
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
    return { name: 'torrent', infoHash: safeDecode(match[1]).toLowerCase(), play: parsePlay(url.searchParams.get('play')) };
  }
  return { name: 'not-found', path };
}

/**
 * The torrent whose page a route shows: a torrent's own page, or /add while
 * the magnet it adds is pending (its page shows while the engine starts, and
 * stays, the same view, when /add hands over to /t/<ih>?play=main).
 */
export function viewedTorrent(route: Route, pendingInfoHash: string | null): { infoHash: string; play: PlayRequest } | null {
  if (route.name === 'torrent') return { infoHash: route.infoHash, play: route.play };
  if (route.name === 'add' && pendingInfoHash) return { infoHash: pendingInfoHash, play: 'main' };
  return null;
}

/** A torrent's page; with `play`, one that opens that file (or the main one) in the player. */
export function torrentPath(infoHash: string, play: PlayRequest = null): string {
  const path = `/t/${encodeURIComponent(infoHash)}`;
  return play === null ? path : `${path}?play=${play}`;
}

function parsePlay(value: string | null): PlayRequest {
  if (value === 'main') return 'main';
  return value !== null && /^\d{1,6}$/.test(value) ? Number(value) : null;
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

/** Which page a route shows: the same for a torrent page whatever file it plays. */
export function pageKey(route: Route): string {
  return route.name === 'torrent' ? `torrent:${route.infoHash}` : route.name;
}

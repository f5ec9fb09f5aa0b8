/**
 * Which file a BEP19 web seed request is for. webtorrent's web seed client
 * (lib/webconn.js) asks for:
 * - single-file torrents: the url-list URL itself, with Range in file bytes;
 * - multi-file torrents: `<url>/<file.path>` (the path starts with the
 *   torrent's name), with Range in that file's bytes. The path is pasted
 *   in unescaped, so fetch() percent-encodes it as a URL parser would: "?"
 *   starts a query and "#" a fragment that never reaches the server.
 * Other clients (BEP19 proper) append the name to a url-list URL ending in "/".
 * Known gaps: a name with "#" is matched by what precedes it (the first such
 * file wins), and a "%" not followed by two hex digits makes fastify refuse
 * the URL (400) before it gets here.
 *
 * The returned function takes the raw request target after
 * `/webseed/<infoHash>` (query included) and gives the file index or null.
 */
export function webSeedFileFinder(filePaths: readonly string[]): (rest: string) => number | null {
  const byTarget = new Map<string, number>();
  filePaths.forEach((p, index) => {
    for (const target of [p, asFetched(p)]) {
      if (target !== null && !byTarget.has(target)) byTarget.set(target, index);
    }
  });
  return (rest) => {
    if (filePaths.length === 1 && (rest === '' || rest === '/')) return 0;
    if (!rest.startsWith('/')) return null;
    const wanted = rest.slice(1);
    const decoded = decodeSegments(wanted.split('?', 1)[0] ?? '');
    return byTarget.get(wanted) ?? (decoded === null ? undefined : byTarget.get(decoded)) ?? null;
  };
}

const BASE = 'http://webseed.invalid/x/';

/** The request target fetch() sends for `<url>/<path>`, relative to `<url>/`. */
function asFetched(filePath: string): string | null {
  try {
    const url = new URL(BASE + filePath);
    return url.pathname.slice(new URL(BASE).pathname.length) + url.search;
  } catch {
    return null;
  }
}

function decodeSegments(target: string): string | null {
  try {
    return target.split('/').map(decodeURIComponent).join('/');
  } catch {
    return null;
  }
}

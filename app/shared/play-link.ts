/**
 * `/t/<info hash>[?play=<file index>|main]`: a torrent's page, which may open
 * one file in the player (app/src/lib/routes.ts builds it). The service
 * worker reads it before the app runs, so only a full info hash counts.
 */
export const TORRENT_PAGE_PATH = /^\/t\/([0-9a-fA-F]{40})\/?$/;
export const FILE_INDEX = /^\d{1,6}$/;

export interface LikelyPlayed {
  infoHash: string;
  fileIndex: number | 'main';
}

/**
 * The file a torrent page's navigation will likely play first: the one its
 * play link names, else (`?play=main`, or the page alone, where Play is one
 * click away) the torrent's main file (main-file.ts), which the caller looks
 * up. Null for any other URL.
 */
export function likelyPlayed(url: URL): LikelyPlayed | null {
  const match = TORRENT_PAGE_PATH.exec(url.pathname);
  if (!match?.[1]) return null;
  const infoHash = match[1].toLowerCase();
  const play = url.searchParams.get('play');
  if (play === null || play === 'main') return { infoHash, fileIndex: 'main' };
  return FILE_INDEX.test(play) ? { infoHash, fileIndex: Number(play) } : null;
}

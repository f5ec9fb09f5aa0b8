import type { StreamTarget } from './stream-url';

/**
 * `/t/<info hash>?play=<file index>`: a torrent's page that opens one file
 * in the player (app/src/lib/routes.ts builds it). The service worker and
 * index.html's early script read it before the app runs, so only a full info
 * hash and a file number count; `?play=main` needs the file list first.
 */
const PLAY_LINK_PATH = /^\/t\/([0-9a-fA-F]{40})\/?$/;
const FILE_INDEX = /^\d{1,6}$/;

/** The file a play link opens, or null for any other URL. */
export function parsePlayLink(url: URL): StreamTarget | null {
  const match = PLAY_LINK_PATH.exec(url.pathname);
  const play = url.searchParams.get('play');
  if (!match?.[1] || play === null || !FILE_INDEX.test(play)) return null;
  return { infoHash: match[1].toLowerCase(), fileIndex: Number(play) };
}

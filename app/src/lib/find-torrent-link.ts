/** A magnet link inside other text; brackets and quotes end it, as they do in chat and Markdown. */
const MAGNET_IN_TEXT = /magnet:\?[^\s"'<>()[\]{}]+/i;
const TRAILING_PUNCTUATION = /[.,;:!?]+$/;
const INFO_HASH_ONLY = /^(?:[0-9a-f]{40}|[a-z2-7]{32})$/i;
const HTTP_LINK_ONLY = /^https?:\/\/\S+$/i;

/**
 * What to add from free text (a share, a paste): the first magnet link in it,
 * or the text itself when it is nothing but an info hash or an http(s) link
 * (perhaps to a .torrent file). Null when there is nothing to add.
 */
export function findTorrentLink(text: string): string | null {
  const magnet = MAGNET_IN_TEXT.exec(text)?.[0];
  if (magnet) return magnet.replace(TRAILING_PUNCTUATION, '');
  const trimmed = text.trim();
  if (INFO_HASH_ONLY.test(trimmed) || HTTP_LINK_ONLY.test(trimmed)) return trimmed;
  return null;
}

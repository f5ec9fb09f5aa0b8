import { findTorrentLink } from './find-torrent-link';

/**
 * What an /add URL asks for. Links (`uri`, from magnet protocol handlers and
 * shared links), shared text (`title`/`text`/`url`, from the share target),
 * shared files (`shared`, stored by the service worker) and launched .torrent
 * files (`launch`, delivered by the launch queue) all arrive there.
 */
export type AddSource =
  /** `link` is still unvalidated: a magnet, info hash or .torrent URL. */
  | { kind: 'link'; link: string }
  | { kind: 'shared-files'; id: string }
  | { kind: 'launched-files' }
  /** Nothing to add; `message` says why, in plain words. */
  | { kind: 'nothing'; message: string };

const SHARED_TEXT_FIELDS = ['url', 'text', 'title'] as const;

export function addSourceOf(url: URL): AddSource {
  const params = url.searchParams;
  const shared = params.get('shared');
  if (shared) return { kind: 'shared-files', id: shared };
  if (params.has('share-error')) {
    return { kind: 'nothing', message: 'The shared item could not be read. Try sharing it again.' };
  }
  const uri = params.get('uri');
  // An empty uri is passed on too: adding it explains what a link should look like.
  if (uri !== null) return { kind: 'link', link: uri };
  if (params.has('launch')) return { kind: 'launched-files' };
  const texts = SHARED_TEXT_FIELDS.map((field) => params.get(field)).filter((v): v is string => !!v);
  for (const text of texts) {
    const link = findTorrentLink(text);
    if (link) return { kind: 'link', link };
  }
  if (texts.length > 0) {
    return {
      kind: 'nothing',
      message: 'What was shared has no magnet link in it. Share a magnet link or a .torrent file.',
    };
  }
  return { kind: 'link', link: '' };
}

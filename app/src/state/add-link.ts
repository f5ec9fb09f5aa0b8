import { torrentPath } from '../lib/routes';
import { router } from './router.svelte';
import { torrents } from './torrents.svelte';

/**
 * Handles /add?uri=… (protocol handlers and shared links point there): adds the
 * torrent, then replaces the history entry so a reload doesn't add it again;
 * its page opens the main video or audio file as soon as the files are known.
 * On failure the error shows on the home view.
 */
export async function addFromLink(uri: string): Promise<void> {
  const result = await torrents.addLink(uri);
  // The user may have navigated away meanwhile; then leave their history alone.
  if (router.route.name === 'add') router.navigate(result ? torrentPath(result.infoHash, 'main') : '/', { replace: true });
  // In the same update as the move, so the page shown while adding stays (the same view, keyed by info hash).
  torrents.pending = null;
}

import { findTorrentLink } from '../lib/find-torrent-link';
import { torrentPath } from '../lib/routes';
import { router } from './router.svelte';
import { torrents } from './torrents.svelte';

/** Pastes into fields are the user typing, not adding. */
function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.closest('input, textarea, select') !== null;
}

/**
 * Paste anywhere outside a text field to add: a magnet link (or info hash, or
 * .torrent URL) in the pasted text, or pasted .torrent files. Opens the torrent.
 */
export async function addFromPaste(event: ClipboardEvent): Promise<void> {
  if (isEditable(event.target) || !event.clipboardData) return;
  const files = [...event.clipboardData.files];
  const text = event.clipboardData.getData('text/plain');
  if (files.length === 0 && text.trim() === '') return;
  event.preventDefault();
  const result = files.length > 0 ? await torrents.addFiles(files) : await torrents.addText(findTorrentLink(text) ?? text);
  if (result) router.navigate(torrentPath(result.infoHash, 'main'));
}

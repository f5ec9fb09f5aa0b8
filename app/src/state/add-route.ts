import type { AddResult } from '../../shared/engine-api';
import { addSourceOf } from '../lib/add-source';
import { torrentPath } from '../lib/routes';
import { addFromLink } from './add-link';
import { router } from './router.svelte';
import { takeSharedFiles } from './shared-files';
import { torrents } from './torrents.svelte';

/** Launched files that never came (the page was reloaded, say) leave /add after this long. */
const LAUNCH_WAIT_MS = 5_000;

/**
 * Handles the /add page for every way a torrent gets there: links, shared
 * text, shared files and launched files. Ends on the torrent's page, or on
 * the home view with the reason shown.
 */
export async function handleAddRoute(url: URL): Promise<void> {
  const source = addSourceOf(url);
  switch (source.kind) {
    case 'link':
      return addFromLink(source.link);
    case 'shared-files':
      return finishAdd(await addSharedFiles(source.id));
    case 'launched-files':
      // The launch queue consumer adds them (launch-queue.ts); this only covers it never calling.
      setTimeout(() => finishAdd(null), LAUNCH_WAIT_MS);
      return;
    case 'nothing':
      torrents.error = source.message;
      return finishAdd(null);
  }
}

/** Leaves /add for the torrent's page (or home), replacing the entry so Back skips /add. */
export function finishAdd(result: AddResult | null): void {
  if (router.route.name !== 'add') return;
  router.navigate(result ? torrentPath(result.infoHash) : '/', { replace: true });
}

async function addSharedFiles(id: string): Promise<AddResult | null> {
  let files: File[];
  try {
    files = await takeSharedFiles(id);
  } catch {
    files = [];
  }
  if (files.length === 0) {
    torrents.error = 'The shared files are no longer here (they are added only once). Share them again.';
    return null;
  }
  return torrents.addFiles(files);
}

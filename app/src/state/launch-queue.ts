import { torrentPath } from '../lib/routes';
import { finishAdd } from './add-route';
import { router } from './router.svelte';
import { torrents } from './torrents.svelte';

/** The File Handling API's launch queue, not yet in TypeScript's DOM types. */
interface LaunchParams {
  readonly files: readonly FileSystemHandle[];
}
interface LaunchQueue {
  setConsumer(consumer: (params: LaunchParams) => void): void;
}

function launchQueue(): LaunchQueue | null {
  return 'launchQueue' in window ? (window as Window & { launchQueue: LaunchQueue }).launchQueue : null;
}

/**
 * Adds the .torrent files the installed app was opened with (the manifest's
 * file_handlers), then shows the torrent. Browsers without it skip this.
 */
export function startLaunchQueue(): void {
  launchQueue()?.setConsumer((params) => void addLaunched(params));
}

async function addLaunched(params: LaunchParams): Promise<void> {
  const handles = params.files.filter((h): h is FileSystemFileHandle => h.kind === 'file');
  if (handles.length === 0) return;
  const files = await Promise.all(handles.map((h) => h.getFile()));
  const result = await torrents.addFiles(files);
  if (router.route.name === 'add') finishAdd(result);
  else if (result) router.navigate(torrentPath(result.infoHash));
}

import type { AddRequest } from '../../shared/engine-api';

export const TORRENT_ACCEPT = '.torrent,application/x-bittorrent';

export function isTorrentFile(file: { name: string; type: string }): boolean {
  return file.type === 'application/x-bittorrent' || file.name.toLowerCase().endsWith('.torrent');
}

export async function torrentFileRequest(file: File): Promise<AddRequest> {
  return { kind: 'torrent-file', name: file.name, bytes: await file.arrayBuffer() };
}

/** Whether a drag carries files (not text or links), so the drop overlay should show. */
export function dragHasFiles(event: DragEvent): boolean {
  return event.dataTransfer?.types.includes('Files') ?? false;
}

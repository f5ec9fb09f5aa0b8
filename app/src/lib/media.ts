/** Which inline viewer, if any, shows a file; anything else is downloaded. */
export type PlayerKind = 'video' | 'audio' | 'image' | 'pdf' | 'text';

const TEXT_TYPES = new Set(['application/json', 'application/x-subrip', 'application/xml', 'application/javascript']);

export function playerKind(mimeType: string): PlayerKind | null {
  const type = mimeType.trim().toLowerCase();
  if (type.startsWith('video/')) return 'video';
  if (type.startsWith('audio/')) return 'audio';
  if (type.startsWith('image/')) return 'image';
  if (type === 'application/pdf') return 'pdf';
  if (type.startsWith('text/') || TEXT_TYPES.has(type)) return 'text';
  return null;
}

/** Video and audio play; the rest is viewed. */
export function isPlayable(kind: PlayerKind): boolean {
  return kind === 'video' || kind === 'audio';
}

/**
 * The file a torrent is for, when it is for watching or listening: its largest
 * file, if that plays and holds at least half the torrent (a film with its
 * sample and subtitles, not an album of equal tracks). Null otherwise.
 */
export function mainMediaFile(files: readonly { index: number; length: number; mimeType: string }[]): number | null {
  let total = 0;
  let largest: (typeof files)[number] | undefined;
  for (const file of files) {
    total += file.length;
    if (!largest || file.length > largest.length) largest = file;
  }
  if (!largest || largest.length * 2 < total) return null;
  const kind = playerKind(largest.mimeType);
  return kind && isPlayable(kind) ? largest.index : null;
}

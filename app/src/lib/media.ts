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

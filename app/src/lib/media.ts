/** Which inline player, if any, can show a file of this MIME type. */
export type PlayerKind = 'video' | 'audio';

export function playerKind(mimeType: string): PlayerKind | null {
  const type = mimeType.trim().toLowerCase();
  if (type.startsWith('video/')) return 'video';
  if (type.startsWith('audio/')) return 'audio';
  return null;
}

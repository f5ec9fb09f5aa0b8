/**
 * The file a torrent is for, when it is for watching or listening: its largest
 * file, if that is video or audio and holds at least half the torrent (a film
 * with its sample and subtitles, not an album of equal tracks). Null otherwise.
 * The page opens it after an /add; the engine fetches its ends first.
 */
export function mainMediaFile(files: readonly { length: number; mimeType: string }[]): number | null {
  let total = 0;
  let largest = -1;
  files.forEach((file, index) => {
    total += file.length;
    if (largest < 0 || file.length > (files[largest]?.length ?? 0)) largest = index;
  });
  const main = files[largest];
  if (!main || main.length * 2 < total) return null;
  const type = main.mimeType.trim().toLowerCase();
  return type.startsWith('video/') || type.startsWith('audio/') ? largest : null;
}

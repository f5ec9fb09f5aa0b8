/** The `/stream/<infoHash>/<fileIndex>[/<fileName>]` URL, shared by the page, the SW and the server. */

export interface StreamTarget {
  infoHash: string;
  fileIndex: number;
}

const STREAM_PATH = /^\/stream\/([0-9a-fA-F]{40})\/(\d{1,9})(?:\/[^/]*)?\/?$/;

export function isStreamPath(pathname: string): boolean {
  return pathname.startsWith('/stream/');
}

/** Null for anything that is not a well-formed stream path. */
export function parseStreamPath(pathname: string): StreamTarget | null {
  const match = STREAM_PATH.exec(pathname);
  if (!match) return null;
  return { infoHash: match[1]!.toLowerCase(), fileIndex: Number(match[2]) };
}

export function streamPath(infoHash: string, file: { index: number; name?: string }): string {
  const base = `/stream/${infoHash}/${file.index}`;
  return file.name ? `${base}/${encodeURIComponent(file.name)}` : base;
}

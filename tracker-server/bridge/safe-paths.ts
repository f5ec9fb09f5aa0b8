import path from 'node:path';
import { InputError } from '../../app/shared/input.ts';

/**
 * Torrents name their files with lists of path components. A component like
 * `..`, one holding a slash, or an absolute name could point a download
 * outside its folder. parse-torrent happens to normalise such paths today;
 * the bridge refuses them outright rather than rely on that.
 */
export function checkTorrentPaths(info: unknown): void {
  const bad = unsafePath(info);
  if (bad !== null) {
    throw new InputError(
      `This torrent was refused: its file name "${bad}" would be written outside the torrent's folder.`,
    );
  }
}

/** The first unsafe file path of a decoded `info` dictionary, or null when all are safe. */
export function unsafePath(info: unknown): string | null {
  if (!isDict(info)) return null;
  const names = [info.name, info['name.utf-8']].filter((n) => n !== undefined);
  for (const name of names) {
    const text = textOf(name);
    if (!isSafeComponent(text)) return text;
  }
  if (!Array.isArray(info.files)) return null;
  for (const file of info.files as unknown[]) {
    if (!isDict(file)) continue;
    for (const parts of [file.path, file['path.utf-8']]) {
      if (parts === undefined) continue;
      const components = Array.isArray(parts) ? (parts as unknown[]).map(textOf) : [textOf(parts)];
      if (!components.every(isSafeComponent)) return components.join('/');
    }
  }
  return null;
}

/** True when `target` is `dir` or inside it: the last check before anything is written. */
export function isInside(dir: string, target: string): boolean {
  const relative = path.relative(dir, target);
  return relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

function isSafeComponent(part: string): boolean {
  return part !== '' && part !== '.' && part !== '..' && !/[/\\\0]/.test(part) && !/^[A-Za-z]:/.test(part);
}

function textOf(value: unknown): string {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  return typeof value === 'string' ? value : String(value);
}

function isDict(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

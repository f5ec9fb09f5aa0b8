import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/** The copies the build writes beside the app's text files (scripts/precompress-plugin.ts), as @fastify/static looks for them. */
export const COMPRESSED_SUFFIXES = ['.br', '.gz'] as const;
/** The files it writes them for; only their copies are ever removed here (a DIST_DIR may hold someone's own .gz files). */
export const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|webmanifest|json)$/;

const mtimeOf = (file: string): Promise<number | null> =>
  stat(file).then(
    (s) => s.mtimeMs,
    () => null,
  );

/**
 * Removes compressed copies older than their file: the server sends a copy
 * in place of its file, so a file changed after the build (edited by hand,
 * say) would otherwise be served as it was. Returns the paths removed,
 * relative to `distDir`.
 */
export async function dropStaleCopies(distDir: string): Promise<string[]> {
  const entries = await readdir(distDir, { withFileTypes: true, recursive: true }).catch(() => []);
  const removed: string[] = [];
  for (const entry of entries) {
    const suffix = COMPRESSED_SUFFIXES.find((s) => entry.name.endsWith(s));
    if (!entry.isFile() || !suffix || !COMPRESSIBLE.test(entry.name.slice(0, -suffix.length))) continue;
    const copy = path.join(entry.parentPath, entry.name);
    const [copyTime, fileTime] = await Promise.all([mtimeOf(copy), mtimeOf(copy.slice(0, -suffix.length))]);
    if (copyTime === null || fileTime === null || fileTime <= copyTime) continue;
    await rm(copy, { force: true });
    removed.push(path.relative(distDir, copy));
  }
  return removed;
}

import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Logger, Plugin } from 'vite';
// What browsers fetch as text (scripts, styles, the page, SVG icons, the manifest), and the copies' names.
import { COMPRESSED_SUFFIXES, COMPRESSIBLE } from '../tracker-server/compressed-copies.ts';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** Below this a compressed copy saves less than a request's own headers. */
const MIN_BYTES = 1024;

/** Every file under `dir`, recursively. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}

/**
 * Writes `file.br` and `file.gz` beside a file worth compressing; removes
 * stale ones beside a file that is not (a DIST_DIR built over may hold them).
 * Returns the bytes saved by the Brotli copy.
 */
export async function precompressFile(file: string): Promise<number> {
  const size = (await stat(file)).size;
  if (!COMPRESSIBLE.test(file) || size < MIN_BYTES) {
    await Promise.all(COMPRESSED_SUFFIXES.map((suffix) => rm(`${file}${suffix}`, { force: true })));
    return 0;
  }
  const body = await readFile(file);
  const [br, gz] = await Promise.all([
    brotli(body, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: size,
      },
    }),
    gzipped(body, { level: 9 }),
  ]);
  await Promise.all([writeFile(`${file}.br`, br), writeFile(`${file}.gz`, gz)]);
  return size - br.length;
}

/**
 * Brotli and gzip copies of the built app's text files, served in place of
 * them by the server (tracker-server/static.ts) to browsers that accept
 * them: the engine worker's script is 336 KB as built, 83 KB as Brotli.
 * Build only, after every other plugin has written its files (the service
 * worker is built last, by vite-plugin-pwa); source maps are left as they are.
 */
export function precompress(): Plugin {
  let outDir = '';
  let logger: Logger | null = null;
  return {
    name: 'bt-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
      logger = config.logger;
    },
    closeBundle: {
      order: 'post',
      sequential: true,
      async handler() {
        const files = (await filesUnder(outDir)).filter((f) => !COMPRESSED_SUFFIXES.some((s) => f.endsWith(s)));
        let saved = 0;
        for (const file of files) saved += await precompressFile(file);
        logger?.info(`precompressed ${outDir}: ${(saved / 1024).toFixed(0)} KiB saved with Brotli`);
      },
    },
  };
}

import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import { REPO_ROOT } from './config.ts';
import { fileExists } from './files.ts';

/**
 * Builds the PWA into `distDir` with Vite when it has no index.html, so
 * `npm start` works on a fresh checkout. A failed build is logged, not fatal:
 * the tracker and API still run, and app pages answer 503 until it is built.
 */
export async function ensureAppBuilt(distDir: string, log: FastifyBaseLogger): Promise<boolean> {
  if (await fileExists(path.join(distDir, 'index.html'))) return true;
  log.info({ distDir }, 'building the app…');
  const started = Date.now();
  try {
    // Imported lazily: vite is a dev dependency, unneeded when dist/ is shipped.
    const { build } = await import('vite');
    await build({
      configFile: path.join(REPO_ROOT, 'vite.config.ts'),
      // The config's paths are relative to the repo; pin them so any cwd works.
      root: path.join(REPO_ROOT, 'app'),
      // Not emptied: a DIST_DIR without index.html may hold someone's files.
      build: { outDir: distDir, emptyOutDir: false },
      logLevel: 'warn',
    });
  } catch (err) {
    log.error({ err }, 'building the app failed; app pages will answer 503 until `npm run build` succeeds');
    return false;
  }
  log.info(`built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return true;
}

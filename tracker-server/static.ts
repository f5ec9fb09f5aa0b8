import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { dropStaleCopies } from './compressed-copies.ts';
import { sendError } from './errors.ts';
import { fileExists } from './files.ts';

/** Paths that belong to the server, never to the app: no index.html fallback there. */
const SERVER_PATHS = ['/api', '/stream', '/webseed', '/metrics', '/announce', '/scrape', '/health', '/assets'];

const IMMUTABLE = 'public, max-age=31536000, immutable';
// Everything not content-hashed must be revalidated, or an old sw.js/index.html pins an old app.
const REVALIDATE = 'no-cache';

/**
 * Serves the built PWA from `distDir`, and index.html for app routes
 * (e.g. /add?uri=..., /t/<infohash>) that browsers navigate to directly.
 */
export async function registerStatic(app: FastifyInstance, distDir: string): Promise<void> {
  const stale = await dropStaleCopies(distDir);
  if (stale.length > 0) app.log.warn({ distDir, removed: stale }, 'removed compressed copies older than their files');
  const assetsDir = path.join(distDir, 'assets') + path.sep;
  await app.register(fastifyStatic, {
    root: distDir,
    cacheControl: false,
    dotfiles: 'ignore',
    // The build writes Brotli and gzip copies of text files (scripts/precompress-plugin.ts): sent to whoever accepts them.
    preCompressed: true,
    setHeaders(reply, filePath) {
      reply.header('Cache-Control', filePath.startsWith(assetsDir) ? IMMUTABLE : REVALIDATE);
    },
  });

  const indexHtml = path.join(distDir, 'index.html');
  // sendFile falls back to this handler if index.html vanishes; don't loop.
  const triedShell = new WeakSet<FastifyRequest>();
  app.setNotFoundHandler(async (request, reply) => {
    if (!wantsAppShell(request)) {
      return sendError(reply, 404, `Not found: ${request.method} ${pathOf(request.url)}`);
    }
    if (triedShell.has(request) || !(await fileExists(indexHtml))) {
      return sendError(reply, 503, 'The app is not built yet. Run `npm run build`, then reload.');
    }
    triedShell.add(request);
    return reply.code(200).sendFile('index.html');
  });
}

/** A browser navigation to a path that is not the server's own. */
function wantsAppShell(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  // Browsers list text/html explicitly for navigations; `*/*` fetches of a
  // missing script should get a 404, not HTML.
  if (!(request.headers.accept ?? '').includes('text/html')) return false;
  const pathname = pathOf(request.url);
  return !SERVER_PATHS.some((p) => pathname === p || pathname.startsWith(`${p}/`));
}

function pathOf(url: string): string {
  return url.split('?', 1)[0] ?? url;
}

/**
 * A tiny loopback HTTP server for the reference pages: stock webtorrent's own
 * browser bundle and service worker, unmodified, on an origin of their own.
 */
import { createReadStream } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { BENCH_DIR, REPO_ROOT } from './paths.ts';

export interface ReferenceServer {
  url: string;
  close: () => Promise<void>;
}

const WEBTORRENT_DIST = path.join(REPO_ROOT, 'node_modules', 'webtorrent', 'dist');

const ROUTES: Record<string, { file: string; type: string }> = {
  '/': { file: path.join(BENCH_DIR, 'reference', 'index.html'), type: 'text/html; charset=utf-8' },
  '/webtorrent.min.js': { file: path.join(WEBTORRENT_DIST, 'webtorrent.min.js'), type: 'text/javascript' },
  '/sw.min.js': { file: path.join(WEBTORRENT_DIST, 'sw.min.js'), type: 'text/javascript' },
};

export async function startReferenceServer(): Promise<ReferenceServer> {
  const server = http.createServer((req, res) => {
    const route = ROUTES[new URL(req.url ?? '/', 'http://x').pathname];
    if (!route || req.method !== 'GET') {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': route.type, 'Cache-Control': 'no-store' });
    createReadStream(route.file)
      .on('error', () => res.destroy())
      .pipe(res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

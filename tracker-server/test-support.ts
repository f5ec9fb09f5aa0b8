import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from './config.ts';
import { createServer, type RunningServer } from './server.ts';
import { NO_DISCOVERY } from '../tests/fixtures/no-discovery.ts';
import { WebTorrent, type WebTorrentClient, type WebTorrentOptions } from './vendor/webtorrent.ts';

export const INDEX_HTML = '<!doctype html><html><head><title>BT Stream test</title></head><body>shell</body></html>';
export const HASHED_ASSET = '/assets/index-Abc123.js';

export interface TestServer extends RunningServer {
  distDir: string;
  dataDir: string;
  /** Closes the server and removes the temp dirs. */
  stop(): Promise<void>;
}

/**
 * The real server on a free port, with a throwaway DATA_DIR and a DIST_DIR
 * holding a tiny built app (so no Vite build runs).
 */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const root = await mkdtemp(path.join(tmpdir(), 'btstream-server-test-'));
  const distDir = path.join(root, 'dist');
  const dataDir = path.join(root, 'data');
  await mkdir(path.join(distDir, 'assets'), { recursive: true });
  await writeFile(path.join(distDir, 'index.html'), INDEX_HTML);
  await writeFile(path.join(distDir, 'sw.js'), 'self.addEventListener("fetch", () => {});\n');
  await writeFile(path.join(distDir, HASHED_ASSET), 'console.log("app");\n');
  await writeFile(path.join(distDir, 'manifest.webmanifest'), '{"name":"BT Stream"}\n');

  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DIST_DIR: distDir,
    LOG_LEVEL: 'silent',
    // No internet here, and tests must not reach it anyway.
    BRIDGE_DHT: 'false',
    ...env,
  });
  const server = await createServer(config);
  return {
    ...server,
    distDir,
    dataDir,
    async stop() {
      await server.close();
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** POST /api/torrents with `{"uri": uri}`, as the API's clients add a magnet, info hash or .torrent URL. */
export function addByUri(server: Pick<TestServer, 'url'>, uri: string): Promise<Response> {
  return fetch(`${server.url}/api/torrents`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ uri }),
  });
}

/** A GET with exactly these headers: fetch() sets Host and Sec-Fetch-* itself. */
export function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
  });
}

/** A Node webtorrent client with every discovery off (no DHT, LPD, PEX, uTP or NAT mapping): tests choose its peers. */
export function isolatedClient(options: Pick<WebTorrentOptions, 'webSeeds' | 'tracker'>): WebTorrentClient {
  return new WebTorrent({ ...NO_DISCOVERY, torrentPort: 0, downloadLimit: -1, uploadLimit: -1, ...options });
}

import type { FastifyInstance, FastifyRequest } from 'fastify';
import { parseTorrentInput } from '../../app/shared/input.ts';
import { ownBridgeOff } from '../../app/shared/own-bridge-cookie.ts';
import { likelyTcpSwarm } from '../../app/shared/tcp-swarm.ts';
import type { Bridge } from '../bridge/bridge.ts';
import type { TorrentSource } from '../bridge/torrent-source.ts';

const ADD_PAGE = '/add?';

/**
 * A browser opening the app's `/add?uri=<magnet>` page gets its torrent
 * joined by the bridge at once, while the app loads, instead of ~300 ms
 * later when the app's engine asks (its POST /api/torrents then finds it).
 * TCP peers can be slow to answer a new connection (aria2c takes 0.5-1 s),
 * so the app's start overlaps that wait. Never on a server that wants an
 * API token for changes.
 */
export function joinOnAddPage(app: FastifyInstance, bridge: Bridge, token: string | null): void {
  if (token !== null) return;
  app.addHook('onRequest', (request, _reply, done) => {
    const source = addPageJoin(request);
    // Not awaited: the page is not held back, and the engine's own join reports any problem.
    if (source) {
      bridge.add(source).catch((err: unknown) => {
        request.log.debug({ err: err instanceof Error ? err.message : String(err) }, 'add page: the bridge did not join');
      });
    }
    done();
  });
}

/**
 * What a request to /add?uri=... has the bridge join: only what the engine
 * would join at once anyway, a magnet or info hash whose swarm is likely TCP
 * (no .torrent downloads for a GET), only for a browser's top-level
 * navigation (not a link preview or a script), and not when the user's
 * Settings use no bridge or another one. Else null.
 */
export function addPageJoin(request: Pick<FastifyRequest, 'method' | 'url' | 'headers'>): TorrentSource | null {
  if (request.method !== 'GET' || !request.url.startsWith(ADD_PAGE)) return null;
  if (request.headers['sec-fetch-mode'] !== 'navigate' || request.headers['sec-fetch-dest'] !== 'document') return null;
  if (ownBridgeOff(request.headers.cookie)) return null;
  const uri = new URLSearchParams(request.url.slice(ADD_PAGE.length)).get('uri');
  if (uri === null) return null;
  try {
    const input = parseTorrentInput(uri);
    if (input.kind !== 'magnet' || !likelyTcpSwarm(input.magnetURI)) return null;
    return { kind: 'magnet', infoHash: input.infoHash, name: input.name, magnetURI: input.magnetURI };
  } catch {
    // The app tells the user what is wrong with it.
    return null;
  }
}

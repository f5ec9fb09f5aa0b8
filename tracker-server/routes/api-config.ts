import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { IceServer } from '../config.ts';
import { sendError } from '../errors.ts';
import { ANNOUNCE_PATH } from '../tracker.ts';

/** What the browser engine starts with; same shape as EngineConfig in app/shared/engine-api.ts. */
export interface ApiConfigBody {
  announce: string[];
  iceServers: IceServer[];
}

export function registerApiConfigRoute(app: FastifyInstance, iceServers: IceServer[]): void {
  app.get('/api/config', (request, reply) => {
    const announce = announceUrlFor(request);
    if (!announce) return sendError(reply, 400, 'The request has no valid Host header.');
    return reply.header('Cache-Control', 'no-store').send({ announce: [announce], iceServers } satisfies ApiConfigBody);
  });
}

/**
 * This server's WebSocket tracker as the browser reached it: the Host header
 * keeps it right behind port forwards and under any host name; wss for https
 * pages, which may not open ws:// sockets.
 */
function announceUrlFor(request: FastifyRequest): string | null {
  const scheme = request.protocol === 'https' ? 'wss' : 'ws';
  const host = request.host;
  // Host must be just host[:port]; anything else could smuggle a path or credentials.
  if (!/^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?$/.test(host)) return null;
  try {
    return new URL(`${scheme}://${host}${ANNOUNCE_PATH}`).href;
  } catch {
    return null;
  }
}

import type { ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { Bridge } from '../bridge/bridge.ts';
import { BridgeError } from '../bridge/bridge-error.ts';
import { torrentSummary, type TorrentSummary } from '../bridge/torrent-status.ts';

/** The `data:` of each `event: torrents` message. */
export interface TorrentsEvent {
  torrents: TorrentSummary[];
}

const TICK_MS = 1_000;
/** Proxies drop connections that stay silent; a comment line keeps them open. */
const KEEPALIVE_MS = 15_000;
const MAX_CLIENTS = 200;

/**
 * GET /api/events: Server-Sent Events. `event: torrents` carries every
 * torrent's summary, sent on connect and then at most once a second, only
 * when something changed.
 */
export function registerEventRoutes(app: FastifyInstance, bridge: Bridge): void {
  const clients = new Set<ServerResponse>();
  let timer: NodeJS.Timeout | undefined;
  let last = '';
  let lastSentAt = 0;

  const snapshot = (): string => JSON.stringify({ torrents: bridge.list().map(torrentSummary) } satisfies TorrentsEvent);
  const write = (res: ServerResponse, text: string): void => {
    // A client that is not reading gets no more until it catches up.
    if (!res.writableNeedDrain) res.write(text);
  };
  const tick = (): void => {
    const data = snapshot();
    const now = Date.now();
    if (data !== last) {
      last = data;
      lastSentAt = now;
      for (const res of clients) write(res, `event: torrents\ndata: ${data}\n\n`);
    } else if (now - lastSentAt >= KEEPALIVE_MS) {
      lastSentAt = now;
      for (const res of clients) write(res, ': keepalive\n\n');
    }
  };

  app.get('/api/events', (request, reply) => {
    if (clients.size >= MAX_CLIENTS) throw new BridgeError(503, 'Too many event listeners on this server; try again later.');
    reply.hijack();
    const res = reply.raw;
    // Hijacked replies skip fastify's header writing, so carry over what hooks set (CORS).
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (value !== undefined) res.setHeader(name, value);
    }
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Accel-Buffering': 'no',
    });
    res.write(`retry: 3000\nevent: torrents\ndata: ${snapshot()}\n\n`);
    clients.add(res);
    timer ??= setInterval(tick, TICK_MS);
    request.raw.once('close', () => {
      clients.delete(res);
      if (clients.size === 0) {
        clearInterval(timer);
        timer = undefined;
      }
    });
  });

  // Open event streams would keep the server from closing.
  app.addHook('preClose', (done) => {
    clearInterval(timer);
    timer = undefined;
    for (const res of clients) res.end();
    clients.clear();
    done();
  });
}

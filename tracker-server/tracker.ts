import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { TrackerServer, type TrackerSocket } from './vendor/bittorrent-tracker.ts';
import { bencodedFailure, checkHttpAnnounce, checkWebSocketMessage } from './tracker-guards.ts';

export const ANNOUNCE_PATH = '/announce';
export const SCRAPE_PATH = '/scrape';

/** Announces with SDP offers are a few KB each; anything this large is abuse. */
const MAX_WS_MESSAGE_BYTES = 256 * 1024;

export interface TrackerStats {
  torrents: number;
  peers: number;
}

export interface AttachedTracker {
  stats(): TrackerStats;
  /** Stops answering and drops every WebSocket peer, so the HTTP server can close. */
  close(): Promise<void>;
}

/**
 * Runs a bittorrent-tracker inside fastify's HTTP server: HTTP announce/scrape
 * as routes, WebSocket announces through the server's `upgrade` event.
 */
export function attachTracker(app: FastifyInstance): AttachedTracker {
  const log = app.log.child({ component: 'tracker' });
  const tracker = new TrackerServer({
    http: false,
    udp: false,
    stats: false,
    ws: { noServer: true, maxPayload: MAX_WS_MESSAGE_BYTES },
    // Peers are told each other's addresses, so never take them from client-set headers.
    trustProxy: false,
  });
  // Bad client data surfaces here as warnings; an unhandled 'error' would crash the process.
  tracker.on('warning', (err) => log.warn({ err: err.message }, 'tracker warning'));
  tracker.on('error', (err) => log.error({ err }, 'tracker error'));
  for (const event of ['start', 'stop', 'complete'] as const) {
    tracker.on(event, (peer) => log.debug({ peer, event }, 'announce'));
  }

  for (const [path, action] of [
    [ANNOUNCE_PATH, 'announce'],
    [SCRAPE_PATH, 'scrape'],
  ] as const) {
    app.get(path, (request, reply) => {
      // The tracker writes the bencoded reply itself; failures are bencoded
      // "failure reason"s with status 200, as BitTorrent clients expect.
      reply.hijack();
      // Bencode is bytes, not UTF-8 text: no charset.
      reply.raw.setHeader('Content-Type', 'text/plain');
      reply.raw.setHeader('Cache-Control', 'no-store');
      const problem = action === 'announce' ? checkHttpAnnounce(request.raw.url) : null;
      if (problem) {
        log.warn({ err: problem }, 'tracker warning');
        reply.raw.end(bencodedFailure(problem));
        return;
      }
      tracker.onHttpRequest(request.raw, reply.raw, { action });
    });
  }

  const sockets = new Set<TrackerSocket>();
  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    // A reset during the handshake must not become an uncaught 'error'.
    socket.on('error', (err) => log.debug({ err: err.message }, 'upgrade socket error'));
    if (pathOf(req.url) !== ANNOUNCE_PATH) {
      log.debug({ url: req.url }, 'refused WebSocket upgrade');
      refuseUpgrade(socket);
      return;
    }
    tracker.ws.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      guardMessages(ws, log);
      tracker.ws.emit('connection', ws, req);
    });
  };
  app.server.on('upgrade', onUpgrade);

  return {
    stats() {
      // The tracker keeps emptied swarms around; count only those with peers.
      const sizes = Object.values(tracker.torrents)
        .map((s) => s.complete + s.incomplete)
        .filter((n) => n > 0);
      return { torrents: sizes.length, peers: sizes.reduce((sum, n) => sum + n, 0) };
    },
    async close() {
      app.server.off('upgrade', onUpgrade);
      await new Promise<void>((resolve) => tracker.close(() => resolve()));
      for (const ws of sockets) ws.terminate();
      sockets.clear();
    },
  };
}

function pathOf(url: string | undefined): string {
  return (url ?? '').split('?', 1)[0] ?? '';
}

function refuseUpgrade(socket: Duplex): void {
  const body = JSON.stringify({ error: `WebSocket connections are only accepted at ${ANNOUNCE_PATH}.` });
  socket.end(
    'HTTP/1.1 404 Not Found\r\n' +
      'Connection: close\r\n' +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n` +
      body,
    () => socket.destroy(),
  );
}

/**
 * bittorrent-tracker 11 throws from a callback (crashing the process) on some
 * malformed offers, so such messages are answered here and never reach it.
 */
function guardMessages(ws: TrackerSocket, log: FastifyBaseLogger): void {
  const emit = ws.emit.bind(ws);
  ws.emit = (event: string | symbol, ...args: unknown[]): boolean => {
    if (event === 'message') {
      const problem = checkWebSocketMessage(args[0]);
      if (problem) {
        log.warn({ err: problem }, 'tracker warning');
        ws.send(JSON.stringify({ 'failure reason': problem }));
        return true;
      }
    }
    return emit(event, ...args);
  };
}

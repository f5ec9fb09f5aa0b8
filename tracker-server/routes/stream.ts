import type { FastifyInstance } from 'fastify';
import { sendError } from '../errors.ts';

/**
 * Placeholder until server-side streaming lands: the app's service worker
 * answers /stream/ links inside the browser, so a request reaching the server
 * means no service worker (e.g. curl, or a fresh tab before it installed).
 */
export function registerStreamRoutes(app: FastifyInstance): void {
  app.all('/stream/*', (_request, reply) =>
    sendError(
      reply,
      404,
      'Streaming from the server is not available yet. ' +
        'Open the app in a browser: its service worker serves /stream/ links.',
    ),
  );
}

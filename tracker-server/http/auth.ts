import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { sendError } from '../errors.ts';

const READ_ONLY = new Set(['GET', 'HEAD', 'OPTIONS']);

/** With API_TOKEN set, every /api/ request that changes something needs `Authorization: Bearer <token>`. */
export function requireTokenForChanges(app: FastifyInstance, token: string | null): void {
  if (token === null) return;
  const expected = digest(token);
  app.addHook('onRequest', async (request, reply) => {
    if (READ_ONLY.has(request.method) || !request.url.startsWith('/api/')) return;
    const given = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
    // Compared as digests so the time taken says nothing about the token.
    if (given !== undefined && timingSafeEqual(digest(given), expected)) return;
    reply.header('WWW-Authenticate', 'Bearer');
    return sendError(
      reply,
      401,
      given === undefined
        ? 'This server needs an API token for changes: send "Authorization: Bearer <token>".'
        : 'The API token is wrong.',
    );
  });
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text).digest();
}

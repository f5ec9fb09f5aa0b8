import cors, { type FastifyCorsOptions } from '@fastify/cors';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** Torrent bytes are public and sent without credentials: any page may fetch them. */
const PUBLIC_BYTES: FastifyCorsOptions = {
  origin: '*',
  methods: ['GET', 'HEAD'],
  // webtorrent's web seed client sends Cache-Control, which makes its requests preflighted.
  allowedHeaders: ['Range', 'Cache-Control', 'If-Range'],
  exposedHeaders: ['Content-Range', 'Content-Length', 'Accept-Ranges', 'Content-Type'],
  maxAge: 86_400,
};

/**
 * CORS: /stream/ and /webseed/ for every origin; /api/ only for the
 * configured origins (CORS_ORIGINS), so other sites cannot drive the API
 * from a visitor's browser; everything else same-origin only.
 */
export async function registerCors(app: FastifyInstance, apiOrigins: string[]): Promise<void> {
  const api: FastifyCorsOptions = {
    origin: apiOrigins.includes('*') ? '*' : apiOrigins,
    methods: ['GET', 'HEAD', 'POST', 'DELETE'],
    allowedHeaders: ['Content-Type', 'Authorization'],
    exposedHeaders: ['Location', 'Retry-After'],
    maxAge: 600,
  };
  const none: FastifyCorsOptions = { origin: false };
  await app.register(cors, {
    delegator(request: FastifyRequest, callback: (error: Error | null, options: FastifyCorsOptions) => void) {
      const pathname = request.url.split('?', 1)[0] ?? '';
      if (pathname.startsWith('/stream/') || pathname.startsWith('/webseed/')) return callback(null, PUBLIC_BYTES);
      if (pathname.startsWith('/api/') && apiOrigins.length > 0) return callback(null, api);
      callback(null, none);
    },
  });
}

import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { ApiConfig } from '../config.ts';

/** Per-IP request budget for /api/ (streams and web seeds are not limited: players issue many ranges). */
export async function registerApiRateLimit(app: FastifyInstance, config: ApiConfig): Promise<void> {
  if (config.rateLimitMax === 0) return;
  await app.register(rateLimit, {
    global: true,
    max: config.rateLimitMax,
    timeWindow: config.rateLimitWindowSeconds * 1000,
    allowList: (request) => !request.url.startsWith('/api/'),
    // Thrown to the error handler, which answers `{ error: message }`.
    errorResponseBuilder: (_request, context) =>
      Object.assign(new Error(`Too many requests: at most ${context.max} per ${context.after}. Try again later.`), {
        statusCode: context.statusCode,
      }),
  });
}

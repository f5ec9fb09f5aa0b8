import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import type { ApiConfig } from '../config.ts';
import { addPageJoin } from '../routes/add-page-join.ts';

/**
 * Per-IP request budget for /api/ and for /add pages that have the bridge
 * join (streams and web seeds are not limited: players issue many ranges).
 */
export async function registerApiRateLimit(app: FastifyInstance, config: ApiConfig): Promise<void> {
  if (config.rateLimitMax === 0) return;
  await app.register(rateLimit, {
    global: true,
    max: config.rateLimitMax,
    timeWindow: config.rateLimitWindowSeconds * 1000,
    allowList: (request) => !request.url.startsWith('/api/') && addPageJoin(request) === null,
    // Thrown to the error handler, which answers `{ error: message }`.
    errorResponseBuilder: (_request, context) =>
      Object.assign(new Error(`Too many requests: at most ${context.max} per ${context.after}. Try again later.`), {
        statusCode: context.statusCode,
      }),
  });
}

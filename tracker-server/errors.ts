import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { InputError } from '../app/shared/input.ts';
import { BridgeError } from './bridge/bridge-error.ts';

export interface ErrorBody {
  error: string;
}

/** Every error leaves the server as `{ error }` JSON. */
export function sendError(reply: FastifyReply, statusCode: number, message: string): FastifyReply {
  return reply
    .code(statusCode)
    .header('Cache-Control', 'no-store')
    .type('application/json; charset=utf-8')
    .send({ error: message } satisfies ErrorBody);
}

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    // Expected outcomes, already worded for the client.
    if (err instanceof InputError) return sendError(reply, 400, err.message);
    if (err instanceof BridgeError) return sendError(reply, err.statusCode, err.message);
    const status = err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err }, 'request failed');
      // Internal details stay in the log.
      return sendError(reply, status, 'Internal server error. The server log has the details.');
    }
    // Client mistakes (bad JSON, wrong content type, too large...): fastify's message says what.
    request.log.info({ err: err.message, code: err.code }, 'bad request');
    return sendError(reply, status, err.message);
  });
}

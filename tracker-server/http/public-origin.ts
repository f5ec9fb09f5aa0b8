import type { FastifyRequest } from 'fastify';

/**
 * This server's origin as the client reached it (Host header), e.g.
 * http://192.168.1.5:8080; null when the Host header is not plain host[:port].
 */
export function publicOrigin(request: FastifyRequest): string | null {
  const host = request.host;
  // Host must be just host[:port]; anything else could smuggle a path or credentials.
  if (!/^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?$/.test(host)) return null;
  try {
    return new URL(`${request.protocol}://${host}`).origin;
  } catch {
    return null;
  }
}

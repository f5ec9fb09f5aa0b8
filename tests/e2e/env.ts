/**
 * Where the e2e server listens. Imported by playwright.config.ts (to start the
 * server) and by the specs and fixtures (to reach it and its tracker).
 */
function readPort(): number {
  const raw = process.env.E2E_PORT ?? '18080';
  const port = Number(raw);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) {
    throw new Error(`E2E_PORT must be a TCP port number, got "${raw}"`);
  }
  return port;
}

export const E2E_HOST = '127.0.0.1';
export const E2E_PORT = readPort();
export const BASE_URL = `http://${E2E_HOST}:${E2E_PORT}`;
/** The server's WebSocket tracker, the only tracker the test seeder announces to. */
export const ANNOUNCE_URL = `ws://${E2E_HOST}:${E2E_PORT}/announce`;

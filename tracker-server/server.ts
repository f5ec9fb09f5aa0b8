import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { registerBridgeApi } from './api.ts';
import { ensureAppBuilt } from './build-app.ts';
import type { Config } from './config.ts';
import { installErrorHandler } from './errors.ts';
import { registerApiConfigRoute } from './routes/api-config.ts';
import { registerHealthRoute } from './routes/health.ts';
import { registerStatic } from './static.ts';
import { attachTracker } from './tracker.ts';

export interface RunningServer {
  /** e.g. http://127.0.0.1:8080 */
  url: string;
  port: number;
  /** Closes the tracker (dropping WebSocket peers) and the HTTP server. Safe to call twice. */
  close(): Promise<void>;
}

/** Starts the whole server: PWA, tracker, API. Resolves once it is listening. */
export async function createServer(config: Config): Promise<RunningServer> {
  const app = Fastify({
    logger: { level: config.logLevel },
    // Tracker peers' addresses and the announce URL must not come from client-set headers.
    trustProxy: false,
  });

  try {
    await mkdir(config.dataDir, { recursive: true });
    await mkdir(config.distDir, { recursive: true });
    await ensureAppBuilt(config.distDir, app.log);

    installErrorHandler(app);
    const tracker = attachTracker(app);
    // Before fastify closes the HTTP server, which waits for open WebSockets.
    app.addHook('preClose', () => tracker.close());
    await registerBridgeApi(app, config, () => tracker.stats());
    registerHealthRoute(app, () => tracker.stats());
    registerApiConfigRoute(app, config.iceServers);
    await registerStatic(app, config.distDir);

    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    await app.close();
    throw err;
  }

  const { port } = app.server.address() as AddressInfo;
  let closing: Promise<void> | undefined;
  return {
    url: `http://${urlHost(config.host)}:${port}`,
    port,
    close: () => (closing ??= app.close()),
  };
}

function urlHost(host: string): string {
  // An unspecified address listens everywhere; loopback is where a local browser finds it.
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

import type { FastifyInstance } from 'fastify';
import { Bridge } from './bridge/bridge.ts';
import type { Config } from './config.ts';
import { requireTokenForChanges } from './http/auth.ts';
import { registerCors } from './http/cors.ts';
import { registerApiRateLimit } from './http/rate-limit.ts';
import { MetadataCache } from './metadata-cache.ts';
import { registerMetrics } from './metrics.ts';
import { registerEventRoutes } from './routes/events.ts';
import { joinOnAddPage } from './routes/add-page-join.ts';
import { registerStreamRoutes } from './routes/stream.ts';
import { registerTorrentRoutes } from './routes/torrents.ts';
import { registerWebSeedRoutes } from './routes/webseed.ts';
import type { TrackerStats } from './tracker.ts';

/**
 * Starts the bridge (the server's BitTorrent client) and registers what
 * serves it: /api/torrents (with metadata browsers publish), /api/events, /stream/, /webseed/, /metrics and
 * the join on /add pages, with CORS, the /api/ rate limit and the optional
 * API token. Call it before other routes, so its hooks (metrics, limits)
 * cover them too.
 */
export async function registerBridgeApi(
  app: FastifyInstance,
  config: Config,
  trackerStats: () => TrackerStats,
): Promise<Bridge> {
  const bridge = await Bridge.start(config.bridge, config.dataDir, app.log.child({ component: 'bridge' }));
  // Before the HTTP server closes, which would wait for open streams.
  app.addHook('preClose', () => bridge.close());

  await registerCors(app, config.api.corsOrigins);
  requireTokenForChanges(app, config.api.token);
  await registerApiRateLimit(app, config.api);
  registerMetrics(app, { bridge: () => bridge.stats(), tracker: trackerStats });
  // After the rate limit, whose hook answers first when a client is over its budget.
  joinOnAddPage(app, bridge, config.api.token);

  registerTorrentRoutes(app, bridge, new MetadataCache());
  registerEventRoutes(app, bridge);
  registerStreamRoutes(app, bridge);
  registerWebSeedRoutes(app, bridge);
  return bridge;
}

import type { FastifyInstance } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { BridgeStats } from './bridge/bridge.ts';
import type { TrackerStats } from './tracker.ts';

export interface MetricSources {
  bridge: () => BridgeStats;
  tracker: () => TrackerStats;
}

/**
 * GET /metrics in Prometheus text format, and a request latency histogram
 * fed by every response. One registry per server, so test servers in one
 * process do not share counters.
 */
export function registerMetrics(app: FastifyInstance, sources: MetricSources): void {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'btstream_' });

  const gauge = (name: string, help: string, read: () => number): void => {
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(read());
      },
    });
  };
  /** A total kept by the bridge, exposed as a counter (it only grows). */
  const total = (name: string, help: string, read: () => number): void => {
    new Counter({
      name,
      help,
      registers: [registry],
      collect() {
        this.reset();
        this.inc(read());
      },
    });
  };
  gauge('btstream_bridge_torrents', 'Torrents the bridge is in the swarm of.', () => sources.bridge().torrents);
  gauge('btstream_bridge_peers', 'Peers connected to the bridge, over all torrents.', () => sources.bridge().peers);
  gauge('btstream_bridge_disk_bytes', 'Torrent bytes the bridge holds on disk.', () => sources.bridge().diskBytes);
  gauge('btstream_bridge_download_speed_bytes', 'Bridge download speed, bytes per second.', () => sources.bridge().downloadSpeed);
  gauge('btstream_bridge_upload_speed_bytes', 'Bridge upload speed, bytes per second.', () => sources.bridge().uploadSpeed);
  total('btstream_bridge_downloaded_bytes_total', 'Bytes the bridge received from peers.', () => sources.bridge().downloadedBytes);
  total('btstream_bridge_uploaded_bytes_total', 'Bytes the bridge sent to peers.', () => sources.bridge().uploadedBytes);
  gauge('btstream_tracker_swarms', 'Swarms on the tracker with at least one peer.', () => sources.tracker().torrents);
  gauge('btstream_tracker_peers', 'Peers announced to the tracker, over all swarms.', () => sources.tracker().peers);

  const latency = new Histogram({
    name: 'btstream_http_request_duration_seconds',
    help: 'Time from request to the last byte of the response (streams included).',
    labelNames: ['method', 'route', 'status_code'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [registry],
  });
  app.addHook('onResponse', (request, reply, done) => {
    // The route pattern, not the URL: one series per route, whatever the info hash.
    const route = request.routeOptions.url ?? 'not found';
    latency.observe({ method: request.method, route, status_code: String(reply.statusCode) }, reply.elapsedTime / 1000);
    done();
  });

  app.get('/metrics', async (_request, reply) => {
    reply.header('Cache-Control', 'no-store').type(registry.contentType);
    return registry.metrics();
  });
}

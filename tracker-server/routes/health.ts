import type { FastifyInstance } from 'fastify';
import type { TrackerStats } from '../tracker.ts';

export interface HealthBody {
  status: 'ok';
  uptimeSeconds: number;
  tracker: TrackerStats;
}

export function registerHealthRoute(app: FastifyInstance, trackerStats: () => TrackerStats): void {
  const startedAt = Date.now();
  app.get('/health', (_request, reply): HealthBody => {
    reply.header('Cache-Control', 'no-store');
    return {
      status: 'ok',
      uptimeSeconds: Math.floor((Date.now() - startedAt) / 1000),
      tracker: trackerStats(),
    };
  });
}

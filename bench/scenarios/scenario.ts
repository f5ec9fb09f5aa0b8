import type { Browser } from '@playwright/test';
import type { Metric } from '../lib/metric.ts';
import type { ReferenceServer } from '../lib/reference-server.ts';
import type { AppServer } from '../lib/server.ts';

/** What every scenario gets: the real server, real Chromium and the reference pages' origin. */
export interface BenchEnv {
  browser: Browser;
  app: AppServer;
  reference: ReferenceServer;
  /** How many times to repeat each measurement (at least 3). */
  runs: number;
  log: (line: string) => void;
}

export interface ScenarioOutput {
  metrics: Metric[];
  /** Every run's raw figures, for results.json. */
  runs: { ours: unknown[]; reference: unknown[] };
  notes: string[];
}

export interface Scenario {
  name: string;
  summary: string;
  run(env: BenchEnv): Promise<ScenarioOutput>;
}

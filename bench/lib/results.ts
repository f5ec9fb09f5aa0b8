/** bench/results.json: every figure of the last run, with the machine it ran on. */
import { writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Metric } from './metric.ts';
import { BENCH_DIR } from './paths.ts';

export interface ScenarioResult {
  name: string;
  summary: string;
  status: 'ok' | 'failed';
  error?: string;
  seconds: number;
  metrics: Metric[];
  runs: { ours: unknown[]; reference: unknown[] };
  notes: string[];
}

export interface Results {
  startedAt: string;
  finishedAt: string;
  runs: number;
  machine: {
    cpus: number;
    cpuModel: string;
    memoryMiB: number;
    node: string;
    chromium: string | null;
    /** 1-minute load average at the start and end: other work on the machine skews every figure. */
    load: { start: number; end: number };
  };
  scenarios: ScenarioResult[];
}

export const RESULTS_PATH = path.join(BENCH_DIR, 'results.json');

export function machineInfo(chromium: string | null, loadAtStart: number): Results['machine'] {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memoryMiB: Math.round(os.totalmem() / 2 ** 20),
    node: process.version,
    chromium,
    load: { start: loadAtStart, end: os.loadavg()[0] ?? 0 },
  };
}

export async function writeResults(results: Results): Promise<void> {
  await writeFile(RESULTS_PATH, `${JSON.stringify(results, null, 2)}\n`);
}

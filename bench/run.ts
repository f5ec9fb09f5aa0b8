/**
 * `npm run bench [-- --runs=N] [scenario…]`: starts the real server, a
 * loopback origin for stock webtorrent and real Chromium, runs the scenarios,
 * writes bench/results.json and prints a Markdown table. Exits non-zero only
 * when a scenario could not run, never for a missed target.
 */
import os from 'node:os';
import type { Browser } from '@playwright/test';
import { launchBrowser } from './lib/browser.ts';
import { parseArgs, UsageError } from './lib/cli.ts';
import { ensureBuiltApp } from './lib/dist.ts';
import { startReferenceServer } from './lib/reference-server.ts';
import { formatTable } from './lib/report.ts';
import { machineInfo, RESULTS_PATH, writeResults, type ScenarioResult } from './lib/results.ts';
import { startAppServer } from './lib/server.ts';
import { SCENARIOS } from './scenarios/index.ts';

const log = (line: string) => console.error(`[bench] ${line}`);

/** Undo steps, run last-first, also on Ctrl-C. */
const cleanups: (() => Promise<void>)[] = [];
async function cleanUp(): Promise<void> {
  while (cleanups.length > 0) await cleanups.pop()?.().catch((err: unknown) => log(`cleanup: ${String(err)}`));
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    log(`${signal}: stopping everything the bench started…`);
    void cleanUp().finally(() => process.exit(130));
  });
}

async function main(): Promise<number> {
  const options = parseArgs(
    process.argv.slice(2),
    SCENARIOS.map((s) => s.name),
  );
  const startedAt = new Date().toISOString();
  const loadAtStart = os.loadavg()[0] ?? 0;
  if (options.runs < 3) log(`--runs=${options.runs}: fewer than 3 runs, for quick checks only`);

  const distDir = await ensureBuiltApp(log);
  const app = await startAppServer(distDir);
  cleanups.push(app.stop);
  log(`server ${app.url} (pid ${app.pid}) serving ${distDir}`);
  const reference = await startReferenceServer();
  cleanups.push(reference.close);
  const browser: Browser = await launchBrowser();
  cleanups.push(() => browser.close());
  log(`Chromium ${browser.version()}, stock webtorrent at ${reference.url}`);

  const results: ScenarioResult[] = [];
  for (const scenario of SCENARIOS.filter((s) => options.scenarios.includes(s.name))) {
    log(`— ${scenario.name}: ${scenario.summary}`);
    const began = Date.now();
    const base = { name: scenario.name, summary: scenario.summary };
    try {
      const out = await scenario.run({ browser, app, reference, runs: options.runs, log });
      results.push({ ...base, status: 'ok', seconds: (Date.now() - began) / 1000, ...out });
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      log(`${scenario.name} FAILED: ${error}`);
      const seconds = (Date.now() - began) / 1000;
      const empty = { metrics: [], runs: { ours: [], reference: [] }, notes: [] };
      results.push({ ...base, status: 'failed', error, seconds, ...empty });
    }
  }

  await writeResults({
    startedAt,
    finishedAt: new Date().toISOString(),
    runs: options.runs,
    machine: machineInfo(browser.version(), loadAtStart),
    scenarios: results,
  });
  console.log(formatTable(results.flatMap((r) => r.metrics)));
  for (const r of results) {
    for (const note of r.notes) console.log(`- ${r.name}: ${note}`);
    if (r.status === 'failed') console.log(`- ${r.name}: FAILED TO RUN: ${r.error}`);
  }
  const load = `load average ${loadAtStart.toFixed(1)} → ${(os.loadavg()[0] ?? 0).toFixed(1)} on ${os.cpus().length} cores`;
  console.log(`\nMedian (min–max) over ${options.runs} runs, ${load}; all figures in ${RESULTS_PATH}`);
  return results.some((r) => r.status === 'failed') ? 1 : 0;
}

void main()
  .catch((err: unknown) => {
    log(err instanceof UsageError ? err.message : `could not run: ${err instanceof Error ? err.stack : String(err)}`);
    return 2;
  })
  .then(async (code) => {
    await cleanUp();
    process.exit(code);
  });

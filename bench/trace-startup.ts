/**
 * What the page's main thread, the engine worker and the service worker spend
 * start-up on: a Chromium trace (with V8's CPU profile) around one run of the
 * first-frame or offline flow, reported per task.
 *
 *   npx tsx bench/trace-startup.ts [first-frame|offline|offline-page] [--dist=DIR] [--trace=FILE] [--min=30]
 *
 * --dist serves (and maps functions through the source maps of) a built app
 * instead of the bench's; --trace re-reads a saved trace instead of running
 * (give the --dist it was recorded with); --min is the task length reported.
 * BENCH_TRACE_NO_PROFILER=1 records without V8's CPU profiler: no functions
 * per task, but wall times as they are untraced (the profiler's start adds
 * 70-320 ms to each thread's first task on this machine).
 */
import { readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { launchBrowser } from './lib/browser.ts';
import { ensureBuiltApp } from './lib/dist.ts';
import { startAppServer } from './lib/server.ts';
import { captureFlow, type Flow } from './lib/trace-capture.ts';
import { analyseTrace } from './lib/trace-report.ts';

interface SavedTrace {
  pathPrefix: string;
  /** The first frame, ms after navigation. */
  untilMs?: number;
  trace: unknown;
}

const log = (line: string) => console.error(`[trace] ${line}`);
const arg = (name: string): string | undefined =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

/** The source maps only fit the build the server really serves: not another server's on a reused port. */
async function checkServes(url: string, distDir: string): Promise<void> {
  const served = await (await fetch(`${url}/index.html`)).text();
  if (served !== (await readFile(path.join(distDir, 'index.html'), 'utf8'))) {
    throw new Error(`${url} does not serve ${distDir}`);
  }
}

async function main(): Promise<void> {
  const flows: Flow[] = ['offline-page', 'offline', 'first-frame'];
  const flow = flows.find((f) => process.argv.includes(f)) ?? 'first-frame';
  const distDir = arg('dist') ?? (await ensureBuiltApp(log));
  const minTaskMs = Number(arg('min') ?? 30);
  const saved = arg('trace');
  if (saved) {
    const { pathPrefix, untilMs, trace } = JSON.parse(await readFile(saved, 'utf8')) as SavedTrace;
    console.log(analyseTrace(trace, { pathPrefix, distDir, minTaskMs, untilMs }));
    return;
  }
  // Any free port: a bench running beside this one holds the usual one.
  const app = await startAppServer(distDir);
  const browser = await launchBrowser();
  try {
    await checkServes(app.url, distDir);
    log(`server ${app.url} serving ${distDir}; Chromium ${browser.version()}`);
    const captured = await captureFlow(browser, app, flow, log);
    const trace: unknown = JSON.parse(captured.trace.toString('utf8'));
    const file = path.join(os.tmpdir(), `btstream-trace-${flow}.json`);
    const untilMs = captured.milestones['video:frame'];
    const save: SavedTrace = { pathPrefix: captured.pathPrefix, untilMs, trace };
    await writeFile(file, JSON.stringify(save));
    log(`trace saved to ${file} (re-read it with --trace=${file} --dist=${distDir})`);
    const seen = Object.entries(captured.milestones)
      .sort((a, b) => a[1] - b[1])
      .map(([k, v]) => `${k} ${v.toFixed(0)}`);
    console.log(`Page-measured milestones (ms after navigation): ${seen.join(', ')}`);
    console.log(`Page-measured long tasks [start, ms]: ${JSON.stringify(captured.longTasks)}\n`);
    console.log(analyseTrace(trace, { pathPrefix: captured.pathPrefix, distDir, minTaskMs, untilMs }));
  } finally {
    await browser.close();
    await app.stop();
  }
}

main().catch((err: unknown) => {
  log(err instanceof Error ? (err.stack ?? err.message) : String(err));
  process.exitCode = 1;
});

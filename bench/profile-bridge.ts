/**
 * Where a warm bridge download spends its time: the engine worker's CPU
 * profile (CDP Profiler on the worker target), CPU per process and thread
 * (/proc, before and after), and the app's timing marks.
 *
 *   npx tsx bench/profile-bridge.ts [--runs=N] [--profile] [--profile-page] [--verbose] [--cold] [--disk] [--dists=a,b] [--out=/tmp/prof] [--trace=FILE] [--returning]
 *
 * --dists takes built apps (`vite build --outDir …`), one server each, run in
 * turn: A/B figures from the same conditions. --profile writes the worker's
 * .cpuprofile (map it with the build's source map), --profile-page the page's (written beside it)
 * (what the UI costs while it downloads); --verbose adds the CPU
 * timeline. --cold drops the torrent from the bridge before each run, so the
 * bridge fetches from the seeder while the browser fetches from it. --disk
 * runs each download in its own Chromium with an on-disk profile, as a user's
 * (IndexedDB in an ordinary Playwright context lives in memory); no --profile then.
 * --trace writes a Chromium trace of each run (every thread's tasks, with the
 * app's marks) to FILE-<run>.json, for chrome://tracing or Perfetto; not with --disk.
 * --returning opens the app once and waits for its service worker to control
 * it before the /add navigation, as for a returning user: the engine worker
 * is then controlled too, and its requests meet the service worker.
 */
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { makeTorrent, seedWithAria2 } from '../tests/fixtures/aria2.ts';
import { newContext, newDiskContext, profileDirOf } from './lib/browser.ts';
import { ensureBuiltApp } from './lib/dist.ts';
import { launchDebuggableBrowser } from './lib/heap-sampler.ts';
import { readMilestones } from './lib/milestones.ts';
import { randomFile } from './lib/random-file.ts';
import { startAppServer } from './lib/server.ts';

const arg = (name: string): string | undefined =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const RUNS = Number(arg('runs') ?? 1);
const PROFILE = process.argv.includes('--profile');
const PROFILE_PAGE = process.argv.includes('--profile-page');
const VERBOSE = process.argv.includes('--verbose');
const COLD = process.argv.includes('--cold');
const DISK = process.argv.includes('--disk');
const OUT = arg('out') ?? '/tmp/prof';
const TRACE = arg('trace');
const RETURNING = process.argv.includes('--returning');
/** Every task on every thread (toplevel), with the app's marks and V8's own slices. */
const TRACE_CATEGORIES = [
  '-*',
  'toplevel',
  'blink.user_timing',
  'v8.execute',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  // BENCH_TRACE_EXTRA=IndexedDB,... adds categories for a one-off look.
  ...(process.env.BENCH_TRACE_EXTRA?.split(',') ?? []),
];
/** Linux clock ticks (USER_HZ) are 1/100 s. */
const TICK_S = 0.01;

interface ThreadTicks {
  proc: string;
  thread: string;
  ticks: number;
}

/** Process ids of `roots` and all their descendants. */
async function processTree(roots: number[]): Promise<Set<number>> {
  const children = new Map<number, number[]>();
  for (const pid of (await readdir('/proc')).filter((p) => /^\d+$/.test(p))) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    children.set(ppid, [...(children.get(ppid) ?? []), Number(pid)]);
  }
  const out = new Set<number>();
  const walk = (pid: number): void => {
    out.add(pid);
    for (const c of children.get(pid) ?? []) walk(c);
  };
  roots.forEach(walk);
  return out;
}

/** utime + stime of every thread of the given processes, keyed by pid/tid. */
async function threadTicks(pids: Set<number>): Promise<Map<string, ThreadTicks>> {
  const out = new Map<string, ThreadTicks>();
  for (const pid of pids) {
    const cmd = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    const sub = /--utility-sub-type=([\w.]+)/.exec(cmd)?.[1];
    const proc = /chrom/.test(cmd) ? `chromium ${/--type=([\w-]+)/.exec(cmd)?.[1] ?? 'browser'}${sub ? ` ${sub}` : ''}` : 'server';
    for (const tid of await readdir(`/proc/${pid}/task`).catch(() => [] as string[])) {
      const stat = await readFile(`/proc/${pid}/task/${tid}/stat`, 'utf8').catch(() => '');
      const close = stat.lastIndexOf(')');
      if (close < 0) continue;
      const name = stat.slice(stat.indexOf('(') + 1, close);
      const fields = stat.slice(close + 2).split(' ');
      out.set(`${pid}/${tid}`, { proc: `${proc} [${pid}]`, thread: name, ticks: Number(fields[11]) + Number(fields[12]) });
    }
  }
  return out;
}

async function pidWithArg(needle: string): Promise<number> {
  for (const pid of (await readdir('/proc')).filter((p) => /^\d+$/.test(p))) {
    const cmd = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    if (cmd.includes(needle) && !cmd.includes('--type=')) return Number(pid);
  }
  throw new Error(`no process with ${needle}`);
}

/** CPU seconds by group: the engine worker, the rest of renderers, browser, network, gpu, server. */
function cpuSeconds(before: Map<string, ThreadTicks>, after: Map<string, ThreadTicks>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, a] of after) {
    const d = (a.ticks - (before.get(key)?.ticks ?? 0)) * TICK_S;
    const proc = a.proc.replace(/ \[\d+\]$/, '');
    const group = proc === 'chromium renderer' && a.thread === 'DedicatedWorker' ? 'worker'
      : proc === 'chromium renderer' ? 'renderer' : proc.replace('chromium ', '').replace('utility network.mojom.NetworkService', 'net');
    out[group] = (out[group] ?? 0) + d;
  }
  out.total = Object.values(out).reduce((x, y) => x + y, 0);
  return out;
}

function cpuReport(before: Map<string, ThreadTicks>, after: Map<string, ThreadTicks>, seconds: number): string {
  const byThread = new Map<string, number>();
  const byProc = new Map<string, number>();
  for (const [key, a] of after) {
    const d = a.ticks - (before.get(key)?.ticks ?? 0);
    if (d <= 0) continue;
    // Threads of one name (two DedicatedWorkers: engine, piece writer) apart, by tid.
    const t = `${a.proc} :: ${a.thread}${a.thread === 'DedicatedWorker' ? ` ${key.split('/')[1]}` : ''}`;
    byThread.set(t, (byThread.get(t) ?? 0) + d);
    byProc.set(a.proc, (byProc.get(a.proc) ?? 0) + d);
  }
  const fmt = (m: Map<string, number>) =>
    [...m]
      .sort((x, y) => y[1] - x[1])
      .slice(0, 14)
      .map(([k, v]) => `  ${((v * TICK_S * 100) / seconds).toFixed(0).padStart(4)} %  ${k}`)
      .join('\n');
  return `per process (% of one core over ${seconds.toFixed(2)} s):\n${fmt(byProc)}\nper thread:\n${fmt(byThread)}`;
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function profileReport(p: Profile, what = 'worker'): string {
  const self = new Map<number, number>();
  p.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (p.timeDeltas[i] ?? 0)));
  const byFn = new Map<string, number>();
  let total = 0;
  for (const n of p.nodes) {
    const us = self.get(n.id) ?? 0;
    total += us;
    const f = n.callFrame;
    const key = `${f.functionName || '(anon)'} ${f.url ? `${path.basename(f.url)}:${f.lineNumber + 1}` : ''}`;
    byFn.set(key, (byFn.get(key) ?? 0) + us);
  }
  const lines = [...byFn]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 30)
    .map(([k, us]) => `  ${(us / 1000).toFixed(0).padStart(6)} ms ${((us / total) * 100).toFixed(1).padStart(5)} %  ${k}`);
  return `${what} self time, total ${(total / 1000).toFixed(0)} ms:\n${lines.join('\n')}`;
}

/** A flattened CDP connection to the whole browser. */
async function browserCdp(debugUrl: string) {
  const version = (await (await fetch(`${debugUrl}/json/version`)).json()) as { webSocketDebuggerUrl: string };
  const ws = new WebSocket(version.webSocketDebuggerUrl, { perMessageDeflate: false, maxPayload: 1 << 30 });
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  let next = 1;
  const pending = new Map<number, (msg: { result?: unknown; error?: { message: string } }) => void>();
  const listeners: ((msg: { method: string; params: Record<string, unknown>; sessionId?: string }) => void)[] = [];
  type Message = { id?: number; result?: unknown; error?: { message: string }; method: string; params: Record<string, unknown> };
  ws.on('message', (data: Buffer) => {
    const msg = JSON.parse(data.toString('utf8')) as Message;
    if (msg.id !== undefined) pending.get(msg.id)?.(msg);
    else for (const l of listeners) l(msg);
  });
  const send = <T>(method: string, params: object = {}, sessionId?: string): Promise<T> =>
    new Promise((resolve, reject) => {
      const id = next++;
      pending.set(id, (msg) => (msg.error ? reject(new Error(msg.error.message)) : resolve(msg.result as T)));
      ws.send(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }));
    });
  return { send, on: (l: (typeof listeners)[number]) => listeners.push(l), close: () => ws.close() };
}

interface Variant {
  name: string;
  app: Awaited<ReturnType<typeof startAppServer>>;
  seconds: number[];
  transfer: number[];
  cpu: Record<string, number>[];
  firstStored: number[];
}

async function main(): Promise<void> {
  // --dists=a,b: interleaved runs of each built app, each with its own server (same seeder).
  const dists = arg('dists')?.split(',') ?? [await ensureBuiltApp(console.log)];
  const variants: Variant[] = [];
  for (const dist of dists) variants.push({ name: dist, app: await startAppServer(dist), seconds: [], transfer: [], cpu: [], firstStored: [] });
  const file = await randomFile(256);
  const work = await mkdtemp(path.join(os.tmpdir(), 'btstream-prof-'));
  // The first server's tracker only: every bridge finds the one seeder there.
  const made = await makeTorrent(file.path, `${variants[0]!.app.url}/announce`, path.join(work, 'p.torrent'));
  const seeder = await seedWithAria2(made.torrentPath, path.dirname(file.path));
  const { browser, debugUrl } = await launchDebuggableBrowser();
  const browserPid = await pidWithArg(`--remote-debugging-port=${new URL(debugUrl).port}`);
  try {
    for (const { app } of variants) {
      if (COLD) break;
      await fetch(`${app.url}/api/torrents`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ uri: made.magnetURI }) });
      for (;;) {
        const s = (await (await fetch(`${app.url}/api/torrents/${made.infoHash}`)).json()) as { progress?: number };
        if (s.progress === 1) break;
        await new Promise((r) => setTimeout(r, 250));
      }
    }
    const cdp = await browserCdp(debugUrl);
    for (let run = 1; run <= RUNS; run++) for (const variant of variants) {
      const { app } = variant;
      const { magnetURI } = made;
      if (COLD) await fetch(`${app.url}/api/torrents/${made.infoHash}`, { method: 'DELETE' });
      const context = DISK ? await newDiskContext() : await newContext(browser);
      const page = await context.newPage();
      const roots = [browserPid, app.pid];
      if (DISK) roots.push(await pidWithArg(`--user-data-dir=${profileDirOf(context)}`));
      let workerSession: string | null = null;
      if (PROFILE && !DISK) {
        await cdp.send('Target.setDiscoverTargets', { discover: true });
        cdp.on((msg) => {
          const info = msg.params?.targetInfo as { type: string; targetId: string; url: string } | undefined;
          if (msg.method !== 'Target.targetCreated' || info?.type !== 'worker' || workerSession) return;
          void cdp.send<{ sessionId: string }>('Target.attachToTarget', { targetId: info.targetId, flatten: true }).then(async ({ sessionId }) => {
            workerSession = sessionId;
            await cdp.send('Profiler.enable', {}, sessionId);
            await cdp.send('Profiler.setSamplingInterval', { interval: 200 }, sessionId);
            await cdp.send('Profiler.start', {}, sessionId);
          });
        });
      }
      const pageCdp = PROFILE_PAGE ? await context.newCDPSession(page) : null;
      if (pageCdp) {
        await pageCdp.send('Profiler.enable');
        await pageCdp.send('Profiler.setSamplingInterval', { interval: 200 });
        await pageCdp.send('Profiler.start');
      }
      if (RETURNING) {
        await page.goto(app.url);
        await page.waitForFunction(() => Boolean(navigator.serviceWorker?.controller), undefined, { timeout: 30_000 });
      }
      const tracing = TRACE !== undefined && !DISK;
      if (tracing) await browser.startTracing(page, { categories: TRACE_CATEGORIES });
      const pids = await processTree(roots);
      const before = await threadTicks(pids);
      const started = Date.now();
      const timeline: string[] = [];
      let last = before;
      let lastAt = started;
      let sampling = VERBOSE;
      const sampler = (async () => {
        while (sampling) {
          await new Promise((r) => setTimeout(r, 250));
          const now = await threadTicks(pids);
          const at = Date.now();
          const pct = new Map<string, number>();
          for (const [k, a] of now) {
            const d = a.ticks - (last.get(k)?.ticks ?? 0);
            const proc = a.proc.replace(/ \[\d+\]$/, '').replace('chromium ', '').replace('utility network.mojom.NetworkService', 'net');
            const key = proc === 'renderer' ? (a.thread === 'DedicatedWorker' ? 'worker' : 'renderer') : proc;
            pct.set(key, (pct.get(key) ?? 0) + (d * TICK_S * 100000) / (at - lastAt));
          }
          const progress = await page
            .evaluate(() => document.querySelector('[data-testid="torrent-progress"]')?.getAttribute('aria-valuenow') ?? '-')
            .catch(() => '?');
          const total = [...pct.values()].reduce((a, b) => a + b, 0);
          timeline.push(`${String(at - started).padStart(5)} ms ${progress.padStart(4)} % total ${total.toFixed(0).padStart(3)} | ` +
            [...pct].filter(([, v]) => v >= 3).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', '));
          last = now;
          lastAt = at;
        }
      })();
      await page.goto(`${app.url}/add?uri=${encodeURIComponent(magnetURI)}`, { waitUntil: 'commit' });
      await page.waitForFunction(
        () => document.querySelector('[data-testid="torrent-progress"]')?.getAttribute('aria-valuenow') === '100',
        undefined,
        { timeout: 300_000, polling: 50 },
      );
      const seconds = (Date.now() - started) / 1000;
      if (tracing) {
        const file = `${TRACE}-${run}.json`;
        await writeFile(file, await browser.stopTracing());
        console.log(`trace written to ${file}`);
      }
      const after = await threadTicks(await processTree(roots));
      const cpu = cpuSeconds(before, after);
      variant.cpu.push(cpu);
      console.log('CPU s: ' + Object.entries(cpu).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', '));
      sampling = false;
      await sampler;
      console.log(`\nrun ${run} ${variant.name}: ${seconds.toFixed(2)} s, ${(file.size / seconds / 1e6).toFixed(1)} MB/s`);
      const marks = await readMilestones(page);
      const firstByte = marks['webseed:first-byte'] ?? 0;
      variant.seconds.push(seconds);
      variant.transfer.push(file.size / (seconds * 1000 - firstByte) / 1000);
      variant.firstStored.push(marks['webseed:first-stored'] ?? NaN);
      console.log(`first byte ${firstByte.toFixed(0)} ms, first stored ${(marks['webseed:first-stored'] ?? NaN).toFixed(0)} ms; transfer (first byte -> done) ${(file.size / (seconds * 1000 - firstByte) / 1000).toFixed(1)} MB/s`);
      console.log(Object.entries(marks).sort((a, b) => a[1] - b[1]).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', '));
      if (pageCdp) {
        const { profile } = (await pageCdp.send('Profiler.stop')) as { profile: Profile };
        await writeFile(`${OUT}-page-${path.basename(variant.name)}-${run}.cpuprofile`, JSON.stringify(profile));
        console.log(profileReport(profile, 'page'));
      }
      if (!VERBOSE) {
        await context.close();
        continue;
      }
      console.log(cpuReport(before, after, seconds));
      console.log(timeline.join('\n'));
      if (workerSession) {
        const { profile } = await cdp.send<{ profile: Profile }>('Profiler.stop', {}, workerSession);
        await writeFile(`${OUT}-${path.basename(variant.name)}-${run}.cpuprofile`, JSON.stringify(profile));
        console.log(profileReport(profile));
      }
      await context.close();
    }
    cdp.close();
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
    for (const v of variants) {
      console.log(`${v.name}: nav->100% median ${(file.size / median(v.seconds) / 1e6).toFixed(1)} MB/s [${v.seconds.map((x) => (file.size / x / 1e6).toFixed(0)).join(' ')}], ` +
        `transfer median ${median(v.transfer).toFixed(1)} MB/s [${v.transfer.map((x) => x.toFixed(0)).join(' ')}]`);
      const groups = Object.keys(v.cpu[0] ?? {});
      console.log(`  first stored median ${median(v.firstStored).toFixed(0)} ms`);
      console.log('  CPU s median: ' + groups.map((g) => `${g} ${median(v.cpu.map((c) => c[g] ?? 0)).toFixed(2)}`).join(', '));
    }
  } finally {
    await browser.close();
    await seeder.stop();
    for (const v of variants) await v.app.stop();
    await rm(work, { recursive: true, force: true });
  }
}

await main();

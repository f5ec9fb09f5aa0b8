/** The real app server, started the way `npm start` starts it, on loopback. */
import { spawn } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { killOnExit, stopChild, tail } from './child.ts';
import { REPO_ROOT } from './paths.ts';

export interface AppServer {
  url: string;
  announceUrl: string;
  pid: number;
  stop: () => Promise<void>;
}

const START_TIMEOUT_MS = 60_000;

async function waitForHealth(url: string, isAlive: () => boolean, output: () => string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error(`the server exited during start:\n${output()}`);
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the server did not answer /health within ${START_TIMEOUT_MS / 1000} s:\n${output()}`);
}

/** The URL from the server's "listening on <url>" line. */
async function listeningUrl(output: () => string, isAlive: () => boolean): Promise<string> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const url = /listening on (http:\/\/\S+)/.exec(output())?.[1];
    if (url) return url.replace(/\/+$/, '');
    if (!isAlive()) throw new Error(`the server exited during start:\n${output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the server did not say where it listens within ${START_TIMEOUT_MS / 1000} s:\n${output()}`);
}

/** Node's options and entry file in package.json's `npm start` (`node <options…> <entry>`), so the bench runs the server as users do. */
async function startCommand(): Promise<{ options: string[]; entry: string }> {
  const pkg = JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts?: { start?: string } };
  const [node, ...options] = (pkg.scripts?.start ?? '').split(/\s+/).filter(Boolean);
  const entry = options.pop();
  if (node !== 'node' || !entry) throw new Error(`npm start is not "node <options> <entry>": ${pkg.scripts?.start ?? '(none)'}`);
  return { options, entry };
}

export async function startAppServer(distDir: string): Promise<AppServer> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'btstream-bench-data-'));
  const output = tail();
  // e.g. BENCH_SERVER_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' to profile the server.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const { options, entry } = await startCommand();
  const child = spawn(process.execPath, [...options, ...nodeArgs, entry], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      // Any free port, read back from the server's own line: a port checked free first can be
      // taken by another bench starting at the same moment, whose server would then answer ours.
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DIST_DIR: distDir,
      ICE_SERVERS: '',
      // The server's own BitTorrent client must not reach for DHT nodes on the internet.
      BRIDGE_DHT: 'false',
      // e.g. BENCH_LOG_LEVEL=info with BENCH_SERVER_LOG=FILE keeps every request, timed, to lay out a run.
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  killOnExit(child);
  // e.g. BENCH_SERVER_LOG=/tmp/gc.log with BENCH_SERVER_NODE_ARGS=--trace-gc keeps what V8 prints.
  const logFile = process.env.BENCH_SERVER_LOG;
  child.stdout.on('data', (c: Buffer) => {
    output.push(c);
    if (logFile) appendFileSync(logFile, c);
  });
  child.stderr.on('data', (c: Buffer) => output.push(c));
  const stop = async () => {
    await stopChild(child);
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    if (child.pid === undefined) throw new Error('could not spawn the server');
    const alive = () => child.exitCode === null && child.signalCode === null;
    const url = await listeningUrl(output.text, alive);
    await waitForHealth(url, alive, output.text);
    return { url, announceUrl: `${url.replace(/^http/, 'ws')}/announce`, pid: child.pid, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** The real app server, started the way `npm start` starts it, on loopback. */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { killOnExit, stopChild, tail } from './child.ts';
import { REPO_ROOT } from './paths.ts';
import { freePort } from './ports.ts';

export interface AppServer {
  url: string;
  announceUrl: string;
  pid: number;
  stop: () => Promise<void>;
}

const PREFERRED_PORT = 18_250;
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

/** `preferredPort` 0 takes any free port: for a tool that may run beside the bench. */
export async function startAppServer(distDir: string, preferredPort = PREFERRED_PORT): Promise<AppServer> {
  const port = await freePort(preferredPort);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'btstream-bench-data-'));
  const output = tail();
  // e.g. BENCH_SERVER_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof' to profile the server.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);
  // The same flags as `npm start` (package.json).
  const child = spawn(process.execPath, ['--single-threaded-gc', ...nodeArgs, '--import', 'tsx', 'tracker-server/main.ts'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DIST_DIR: distDir,
      ICE_SERVERS: '',
      // The server's own BitTorrent client must not reach for DHT nodes on the internet.
      BRIDGE_DHT: 'false',
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  killOnExit(child);
  child.stdout.on('data', (c: Buffer) => output.push(c));
  child.stderr.on('data', (c: Buffer) => output.push(c));
  const stop = async () => {
    await stopChild(child);
    await rm(dataDir, { recursive: true, force: true });
  };
  const url = `http://127.0.0.1:${port}`;
  try {
    if (child.pid === undefined) throw new Error('could not spawn the server');
    await waitForHealth(url, () => child.exitCode === null && child.signalCode === null, output.text);
    return { url, announceUrl: `ws://127.0.0.1:${port}/announce`, pid: child.pid, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

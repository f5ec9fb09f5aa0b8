/** Starts bench/reference/stock-tracker.ts in a child process on a free loopback port. */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { killOnExit, stopChild, tail } from './child.ts';
import { BENCH_DIR, REPO_ROOT } from './paths.ts';
import { freePort } from './ports.ts';
import { withTimeout } from './timeout.ts';

export interface StockTracker {
  announceUrl: string;
  pid: number;
  stop: () => Promise<void>;
}

export async function startStockTracker(): Promise<StockTracker> {
  const port = await freePort(0);
  const output = tail();
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(BENCH_DIR, 'reference', 'stock-tracker.ts')], {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  killOnExit(child);
  child.stderr.on('data', (c: Buffer) => output.push(c));
  const stop = () => stopChild(child);
  try {
    const listening = new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (c: Buffer) => {
        output.push(c);
        if (c.toString().includes('listening')) resolve();
      });
      void once(child, 'exit').then(() => reject(new Error(`the stock tracker exited:\n${output.text()}`)));
    });
    await withTimeout(listening, 30_000, 'stock tracker start');
    if (child.pid === undefined) throw new Error('could not spawn the stock tracker');
    return { announceUrl: `ws://127.0.0.1:${port}/announce`, pid: child.pid, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

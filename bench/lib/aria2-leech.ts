/** A second aria2c that downloads a torrent and exits: the native-client reference. */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { killOnExit, stopChild, tail } from './child.ts';

/** Downloads `torrentPath` into `dir` (TCP only, peers from the tracker); resolves with the seconds it took. */
export async function downloadWithAria2(torrentPath: string, dir: string, timeoutMs: number): Promise<number> {
  const output = tail();
  const startedAt = Date.now();
  const child = spawn(
    'aria2c',
    [
      '--seed-time=0', // exit as soon as the download is complete
      '--enable-dht=false',
      '--enable-dht6=false',
      '--bt-enable-lpd=false',
      '--enable-peer-exchange=false',
      '--file-allocation=none',
      '--console-log-level=warn',
      '--summary-interval=0',
      `--dir=${dir}`,
      torrentPath,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  killOnExit(child);
  child.stdout.on('data', (c: Buffer) => output.push(c));
  child.stderr.on('data', (c: Buffer) => output.push(c));
  const timer = setTimeout(() => void stopChild(child), timeoutMs);
  try {
    const [code] = (await once(child, 'exit')) as [number | null];
    if (code !== 0) throw new Error(`aria2c download exited with ${String(code)}:\n${output.text()}`);
    return (Date.now() - startedAt) / 1000;
  } finally {
    clearTimeout(timer);
  }
}

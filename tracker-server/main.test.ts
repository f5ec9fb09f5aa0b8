import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RC4_WARNING } from './bridge/native-rc4.ts';
import { REPO_ROOT } from './config.ts';

const MAIN = path.join(REPO_ROOT, 'tracker-server', 'main.ts');

/** Runs main.ts as `npm start` would (tsx, OpenSSL's RC4), with only the env we give it. */
function startMain(env: Record<string, string>, nodeOptions = ['--openssl-legacy-provider']): ChildProcess {
  return spawn(process.execPath, [...nodeOptions, '--import', 'tsx', MAIN], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

async function collect(stream: NodeJS.ReadableStream | null): Promise<string> {
  let text = '';
  if (stream) for await (const chunk of stream) text += String(chunk);
  return text;
}

describe('main.ts', () => {
  let root: string;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'btstream-main-test-'));
    await mkdir(path.join(root, 'dist'));
    await writeFile(path.join(root, 'dist', 'index.html'), '<!doctype html><title>t</title>');
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('exits with one plain line on a bad setting', async () => {
    const child = startMain({ PORT: 'abc' });
    const exited = once(child, 'exit') as Promise<[number | null]>;
    const [stdout, stderr, [code]] = await Promise.all([collect(child.stdout), collect(child.stderr), exited]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toBe(
      'Configuration error: PORT must be an integer from 0 to 65535 (0 picks a free port), got "abc".\n',
    );
  });

  /** Starts main.ts and reads its stdout up to the line with its URL. */
  async function startAndListen(nodeOptions?: string[]) {
    const dataDir = path.join(root, 'data', 'nested');
    const child = startMain({ PORT: '0', DATA_DIR: dataDir, DIST_DIR: path.join(root, 'dist'), LOG_LEVEL: 'warn' }, nodeOptions);
    const stderr = collect(child.stderr);
    const exited = once(child, 'exit') as Promise<[number | null]>;
    const before: string[] = [];
    let url: string | undefined;
    for await (const line of createInterface({ input: child.stdout! })) {
      url = /listening on (http:\/\/\S+)/.exec(line)?.[1];
      if (url) break;
      before.push(line);
    }
    if (!url) throw new Error(`main.ts printed no URL; stderr: ${await stderr}`);
    return { child, url, stderr, exited, before };
  }

  it('warns at start when RC4 would come from JavaScript', async () => {
    const quiet = await startAndListen();
    quiet.child.kill('SIGTERM');
    await quiet.exited;
    expect(quiet.before.join('\n')).not.toContain('RC4');

    const slow = await startAndListen([]);
    slow.child.kill('SIGTERM');
    await slow.exited;
    expect(slow.before.map((line) => (JSON.parse(line) as { msg?: string }).msg)).toContain(RC4_WARNING);
  });

  it('starts, answers, and stops cleanly on SIGTERM', async () => {
    const { child, url, stderr, exited } = await startAndListen();
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const res = await fetch(`${url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok' });

    child.kill('SIGTERM');
    const [code] = await exited;
    expect(code).toBe(0);
    expect(await stderr).toBe('');
  });
});

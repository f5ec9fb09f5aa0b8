/**
 * The built app the server serves. The shared dist/ is used when it is newer
 * than the sources; otherwise the bench builds its own copy, so it measures
 * the code in the tree without rewriting a dist/ others may be serving.
 */
import { spawn } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { BENCH_CACHE_DIR, REPO_ROOT } from './paths.ts';

const SOURCES = ['app', 'sw', 'public', 'scripts', 'vite.config.ts', 'package-lock.json'];
const PRIVATE_DIST = path.join(BENCH_CACHE_DIR, 'dist');

async function mtimeOrZero(file: string): Promise<number> {
  try {
    return (await stat(file)).mtimeMs;
  } catch {
    return 0;
  }
}

/** The newest modification time under `entry` (a file or a folder). */
async function newestMtime(entry: string): Promise<number> {
  const s = await stat(entry).catch(() => null);
  if (!s) return 0;
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = s.mtimeMs;
  for (const child of await readdir(entry)) {
    if (child === 'node_modules') continue;
    newest = Math.max(newest, await newestMtime(path.join(entry, child)));
  }
  return newest;
}

function viteBuild(outDir: string, log: (line: string) => void): Promise<void> {
  log(`building the app into ${outDir} …`);
  return new Promise((resolve, reject) => {
    const vite = path.join(REPO_ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
    const child = spawn(process.execPath, [vite, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build exited with ${code}`))));
  });
}

/** Returns the folder to hand the server as DIST_DIR, building one if needed. */
export async function ensureBuiltApp(log: (line: string) => void): Promise<string> {
  let sources = 0;
  for (const entry of SOURCES) sources = Math.max(sources, await newestMtime(path.join(REPO_ROOT, entry)));
  const shared = path.join(REPO_ROOT, 'dist');
  if ((await mtimeOrZero(path.join(shared, 'index.html'))) > sources) return shared;
  if ((await mtimeOrZero(path.join(PRIVATE_DIST, 'index.html'))) > sources) return PRIVATE_DIST;
  await viteBuild(PRIVATE_DIST, log);
  return PRIVATE_DIST;
}

import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BENCH_DIR = path.join(REPO_ROOT, 'bench');
/** Inputs that are slow to make (random data, videos, a private build) live here across runs. */
export const BENCH_CACHE_DIR = path.join(os.tmpdir(), 'btstream-bench');

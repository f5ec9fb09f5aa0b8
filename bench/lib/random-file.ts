import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, stat } from 'node:fs/promises';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { BENCH_CACHE_DIR } from './paths.ts';

export interface BenchFile {
  path: string;
  name: string;
  size: number;
}

const MiB = 1024 * 1024;

/** A file of random bytes (incompressible, so no layer can cheat), made once and reused. */
export async function randomFile(mebibytes: number): Promise<BenchFile> {
  const size = mebibytes * MiB;
  const name = `random-${mebibytes}MiB.bin`;
  const file = path.join(BENCH_CACHE_DIR, name);
  const existing = await stat(file).catch(() => null);
  if (existing?.size !== size) {
    await mkdir(BENCH_CACHE_DIR, { recursive: true });
    const partial = `${file}.${process.pid}.partial`;
    const out = createWriteStream(partial);
    for (let i = 0; i < mebibytes; i++) {
      if (!out.write(randomBytes(MiB))) await once(out, 'drain');
    }
    out.end();
    await finished(out);
    await rename(partial, file);
  }
  return { path: file, name, size };
}

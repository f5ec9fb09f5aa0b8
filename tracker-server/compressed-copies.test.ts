import { access, mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dropStaleCopies } from './compressed-copies.ts';

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function dist(files: Record<string, number>): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'btstream-copies-'));
  dirs.push(dir);
  await mkdir(path.join(dir, 'assets'));
  for (const [name, mtimeSec] of Object.entries(files)) {
    await writeFile(path.join(dir, name), name);
    await utimes(path.join(dir, name), mtimeSec, mtimeSec);
  }
  return dir;
}

const exists = (file: string) => access(file).then(() => true, () => false);

describe('dropStaleCopies', () => {
  it('keeps copies written after their file and removes older ones', async () => {
    const dir = await dist({
      'index.html': 2000,
      'index.html.br': 1000,
      'index.html.gz': 1000,
      'assets/app-1.js': 1000,
      'assets/app-1.js.br': 1000,
      'assets/app-1.js.gz': 1001,
    });
    const removed = await dropStaleCopies(dir);
    expect(removed.sort()).toEqual(['index.html.br', 'index.html.gz']);
    expect(await exists(path.join(dir, 'assets/app-1.js.br'))).toBe(true);
    expect(await exists(path.join(dir, 'assets/app-1.js.gz'))).toBe(true);
    expect(await exists(path.join(dir, 'index.html'))).toBe(true);
  });

  it("never removes what the build does not write: someone's own archives, or a copy without its file", async () => {
    const dir = await dist({ 'backup.tar': 2000, 'backup.tar.gz': 1000, 'notes.gz': 1000, 'assets/gone-2.js.br': 1000 });
    await expect(dropStaleCopies(dir)).resolves.toEqual([]);
    for (const name of ['backup.tar.gz', 'notes.gz', 'assets/gone-2.js.br']) expect(await exists(path.join(dir, name))).toBe(true);
  });

  it('does nothing for a missing directory', async () => {
    await expect(dropStaleCopies(path.join(tmpdir(), 'btstream-no-such-dist'))).resolves.toEqual([]);
  });
});

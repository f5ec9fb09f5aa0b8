import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../config.ts';

/** Node's options in package.json's `npm start` (`node <options…> <entry>`). */
async function startOptions(): Promise<string[]> {
  const pkg = JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: { start: string } };
  const [node, ...rest] = pkg.scripts.start.split(/\s+/);
  expect(node).toBe('node');
  return rest.slice(0, -1);
}

describe('RC4 for protocol encryption', () => {
  it('comes from OpenSSL in a server started as npm start starts it, for us and for bittorrent-protocol', async () => {
    const ours = pathToFileURL(path.join(REPO_ROOT, 'tracker-server', 'bridge', 'native-rc4.ts')).href;
    const probe = [
      `const { nativeRc4 } = await import(${JSON.stringify(ours)});`,
      "const { default: Wire } = await import('bittorrent-protocol');",
      'console.log(JSON.stringify({ ours: nativeRc4(), wire: Wire.nativeRC4 }));',
    ].join('\n');
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [...(await startOptions()), '--input-type=module', '-e', probe],
      { cwd: REPO_ROOT },
    );
    expect(JSON.parse(stdout)).toEqual({ ours: true, wire: true });
  });
});

import { describe, expect, it } from 'vitest';
import { descendants, parseStat } from '../../bench/lib/proc-status.ts';

/** A /proc/<pid>/stat line: fields 3 on, with ppid, utime and stime where Linux puts them. */
const statLine = (pid: number, comm: string, ppid: number, utime: number, stime: number): string =>
  `${pid} (${comm}) S ${ppid} ${pid} ${pid} 0 -1 4194560 100 0 0 0 ${utime} ${stime} 0 0 20 0 4 0 100 1000 10 0`;

describe('parseStat', () => {
  it('reads pid, parent and user + system time in seconds', () => {
    expect(parseStat(statLine(42, 'node', 7, 150, 25))).toEqual({ pid: 42, ppid: 7, cpuSeconds: 1.75 });
  });

  it('reads past a command name holding spaces and parentheses', () => {
    expect(parseStat(statLine(9, 'Web Content (x) y', 1, 300, 100))).toEqual({ pid: 9, ppid: 1, cpuSeconds: 4 });
  });

  it('refuses what is not a stat line', () => {
    expect(() => parseStat('garbage')).toThrow(/not a \/proc/);
  });
});

describe('descendants', () => {
  const tree = [
    { pid: 1, ppid: 0, cpuSeconds: 9 },
    { pid: 10, ppid: 1, cpuSeconds: 1 }, // browser
    { pid: 11, ppid: 10, cpuSeconds: 2 }, // zygote
    { pid: 12, ppid: 11, cpuSeconds: 3 }, // renderer, under the zygote
    { pid: 13, ppid: 10, cpuSeconds: 0.5 }, // GPU
    { pid: 20, ppid: 1, cpuSeconds: 7 }, // another program
  ];

  it('takes the root and every process under it, at any depth', () => {
    expect(descendants(tree, 10).map((s) => s.pid).sort((a, b) => a - b)).toEqual([10, 11, 12, 13]);
  });

  it('is empty for a root that is gone', () => {
    expect(descendants(tree, 99)).toEqual([]);
  });
});

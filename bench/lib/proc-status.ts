import { readdir, readFile } from 'node:fs/promises';

export interface Memory {
  /** Resident set size now, MiB. */
  rssMiB: number;
  /** Peak resident set size so far, MiB. */
  peakMiB: number;
}

/** Reads a process's memory from /proc/<pid>/status (Linux). */
export async function memoryOf(pid: number): Promise<Memory> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
    if (!match) throw new Error(`/proc/${pid}/status has no ${field}`);
    return Number(match[1]) / 1024;
  };
  return { rssMiB: kib('VmRSS'), peakMiB: kib('VmHWM') };
}

export interface ProcStat {
  pid: number;
  ppid: number;
  /** User + system time of all its threads so far, seconds. */
  cpuSeconds: number;
}

/** Parses a /proc/<pid>/stat line (Linux clock ticks of 1/100 s). */
export function parseStat(stat: string): ProcStat {
  // Fields after the command name, which may hold spaces and parentheses: state is field 3, ppid 4, utime 14, stime 15.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const pid = Number.parseInt(stat, 10);
  const ppid = Number(fields[1]);
  const cpuSeconds = (Number(fields[11]) + Number(fields[12])) / 100;
  if (!Number.isInteger(pid) || !Number.isInteger(ppid) || !Number.isFinite(cpuSeconds)) throw new Error(`not a /proc/<pid>/stat line: ${stat.slice(0, 80)}`);
  return { pid, ppid, cpuSeconds };
}

/** CPU time (user + system) a process has used so far, seconds. */
export async function cpuSecondsOf(pid: number): Promise<number> {
  return parseStat(await readFile(`/proc/${pid}/stat`, 'utf8')).cpuSeconds;
}

/** `root` and every process under it, from their parents. */
export function descendants(stats: readonly ProcStat[], root: number): ProcStat[] {
  const children = new Map<number, ProcStat[]>();
  for (const s of stats) children.set(s.ppid, [...(children.get(s.ppid) ?? []), s]);
  const found = stats.filter((s) => s.pid === root);
  for (let i = 0; i < found.length; i++) found.push(...(children.get(found[i]!.pid) ?? []));
  return found;
}

/** Every process now; one that ends while being read is left out. */
async function allStats(): Promise<ProcStat[]> {
  const stats: ProcStat[] = [];
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      stats.push(parseStat(await readFile(`/proc/${name}/stat`, 'utf8')));
    } catch {
      // Gone since readdir.
    }
  }
  return stats;
}

/**
 * CPU seconds used so far by `root` and its descendants (a browser and its
 * zygote, renderers, GPU and utility processes). Only processes alive now
 * count: read it before and after a span, with the tree alive at both.
 */
export async function cpuSecondsOfTree(root: number): Promise<number> {
  return descendants(await allStats(), root).reduce((sum, s) => sum + s.cpuSeconds, 0);
}

/** The pid of the process whose command line holds `arg` exactly, and no `--type=` (a Chromium browser, not its children). */
export async function pidWithArgument(arg: string): Promise<number | null> {
  for (const name of await readdir('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const argv = (await readFile(`/proc/${name}/cmdline`, 'utf8')).split('\0');
      if (argv.includes(arg) && !argv.some((a) => a.startsWith('--type='))) return Number(name);
    } catch {
      // Gone since readdir.
    }
  }
  return null;
}

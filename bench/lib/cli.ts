/** Command-line arguments: scenario names, and `--runs=N`. Pure, so it is unit tested. */

export interface CliOptions {
  scenarios: string[];
  runs: number;
}

export const DEFAULT_RUNS = 3;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function parseArgs(args: readonly string[], known: readonly string[]): CliOptions {
  let runs = DEFAULT_RUNS;
  const names: string[] = [];
  for (const arg of args) {
    const runsMatch = /^--runs=(\d+)$/.exec(arg);
    if (runsMatch) {
      runs = Number(runsMatch[1]);
      if (runs < 1 || runs > 50) throw new UsageError(`--runs must be 1..50, got ${runs}`);
    } else if (arg.startsWith('-')) {
      throw new UsageError(`unknown option ${arg}; usage: npm run bench -- [--runs=N] [${known.join(' ')}]`);
    } else if (!known.includes(arg)) {
      throw new UsageError(`unknown scenario "${arg}"; known: ${known.join(', ')}`);
    } else if (!names.includes(arg)) {
      names.push(arg);
    }
  }
  return { scenarios: names.length > 0 ? names : [...known], runs };
}

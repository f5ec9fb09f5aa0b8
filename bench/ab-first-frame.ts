/**
 * A/B of time to first frame between two builds on a busy machine: one
 * server and seeding tab per build, runs alternating between them so both
 * see the same load.
 *
 *   npx tsx bench/ab-first-frame.ts --a=DIR --b=DIR [--runs=10]
 *
 * Prints each run, then per build the medians of first frame, of the seek
 * to 80 %, and of the steps between the milestones the first-frame scenario records.
 */
import os from 'node:os';
import { createTestVideo } from '../tests/fixtures/media.ts';
import { seedInApp, type AppSeeder } from './lib/app.ts';
import { launchBrowser } from './lib/browser.ts';
import { startAppServer, type AppServer } from './lib/server.ts';
import { percentile, sortedCopy } from './lib/stats.ts';
import { BENCH_CLIP } from './lib/video.ts';
import { appPlayback } from './scenarios/first-frame.ts';

const arg = (name: string): string | undefined =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

/** Consecutive milestones whose gaps are reported. */
const STEPS = [
  'page:html',
  'engine:add',
  // The first tracker announce (its offers gathered) and the first WebRTC connection.
  'engine:tracker-announce',
  'rtc:connected',
  'engine:metadata',
  'video:click',
  'sw:stream-request',
  'sw:first-piece',
  'video:loadedmetadata',
  'video:frame',
];

const median = (values: number[]): string =>
  values.length === 0 ? '-' : percentile(sortedCopy(values), 50).toFixed(0);

async function main(): Promise<void> {
  const dirs = { a: arg('a'), b: arg('b') };
  if (!dirs.a || !dirs.b) throw new Error('usage: --a=DIST --b=DIST [--runs=N]');
  const runs = Number(arg('runs') ?? 10);
  const media = await createTestVideo(BENCH_CLIP);
  const browser = await launchBrowser();
  const servers: AppServer[] = [];
  // Each seeding tab is its own Chromium (an on-disk profile): closing `browser` leaves them running.
  const seeders: AppSeeder[] = [];
  try {
    const sides = [];
    for (const [name, dir] of Object.entries(dirs) as [string, string][]) {
      const app = await startAppServer(dir);
      servers.push(app);
      const seeder = await seedInApp(browser, app, media.path);
      seeders.push(seeder);
      sides.push({ name, dir, app, seeder, frames: [] as number[], seeks: [] as number[], steps: new Map<string, number[]>() });
    }
    console.error(`load average ${os.loadavg()[0]?.toFixed(1)} at start`);
    for (let i = 0; i < runs; i++) {
      // Alternate which goes first, so neither always follows the other.
      for (const side of i % 2 === 0 ? sides : [...sides].reverse()) {
        const run = await appPlayback(side.app, side.seeder.magnetURI);
        side.frames.push(run.firstFrameMs);
        side.seeks.push(run.frameMs);
        const m = run.milestones ?? {};
        const pairs = STEPS.slice(1).map((to, k): [string, string] => [STEPS[k] as string, to]);
        pairs.push(
          // The first announce: its socket open (offers are made only then), its offers ready, its answer.
          ['engine:add', 'rtc:first-pc'],
          ['rtc:first-pc', 'rtc:prepared-offer'],
          ['rtc:prepared-offer', 'engine:tracker-announce'],
          ['engine:metadata', 'engine:head-256k'],
          ['engine:metadata', 'video:frame'],
          // Start-up: the worker's load (fetch and compile, then evaluation), then its start() reaching it.
          ['page:worker-created', 'engine:loaded'],
          ['page:worker-created', 'engine:script-start'],
          ['engine:script-start', 'engine:loaded'],
          ['engine:loaded', 'engine:start-called'],
          ['page:config', 'engine:start-called'],
          ['engine:start-called', 'engine:started'],
        );
        pairs.forEach(([from, to]) => {
          const a = m[from];
          const b = m[to];
          if (a === undefined || b === undefined) return;
          side.steps.set(`${from}→${to}`, [...(side.steps.get(`${from}→${to}`) ?? []), b - a]);
        });
        console.error(`${side.name} run ${i + 1}: first frame ${run.firstFrameMs.toFixed(0)} ms, seek ${run.frameMs.toFixed(0)} ms, load ${os.loadavg()[0]?.toFixed(1)}`);
      }
    }
    for (const side of sides) {
      const sorted = sortedCopy(side.frames);
      console.log(
        `${side.name} (${side.dir}): first frame median ${median(side.frames)} ms, ` +
          `${sorted[0]?.toFixed(0)}–${sorted.at(-1)?.toFixed(0)}, ${side.frames.length} runs; seek median ${median(side.seeks)} ms`,
      );
      for (const [step, values] of side.steps) console.log(`  ${step.padEnd(44)} ${median(values)}`);
    }
    console.log(`load average ${os.loadavg()[0]?.toFixed(1)} at the end`);
  } finally {
    for (const seeder of seeders) await seeder.context.close().catch(() => {});
    await browser.close();
    for (const s of servers) await s.stop();
  }
}

void main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});

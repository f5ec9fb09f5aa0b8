/**
 * `npx tsx bench/ab-offline.ts --a=DIST --b=DIST [--c=DIST] [--runs=10] [--restarted]`:
 * the offline scenario (bench/scenarios/offline.ts) for two or three builds
 * at once, alternating between them run by run, so both see the same machine
 * load; on a shared 2-core machine, separate bench runs minutes apart differ
 * by more than most changes do. Prints, per build, the medians and ranges of
 * both offline rows and of each milestone of the file's link. --restarted
 * times the file's link in a Chromium just started on each build's profile
 * instead.
 */
import { rm } from 'node:fs/promises';
import os from 'node:os';
import { createTestVideo } from '../tests/fixtures/media.ts';
import { launchBrowser } from './lib/browser.ts';
import { medianMilestones } from './lib/milestones.ts';
import { startAppServer, type AppServer } from './lib/server.ts';
import { summarize } from './lib/stats.ts';
import { BENCH_CLIP } from './lib/video.ts';
import { keepProfile } from './lib/browser.ts';
import { offlineOpen, prepareOfflineTab, restartedOpen, type OfflineRun, type OfflineTab } from './scenarios/offline.ts';

const arg = (name: string): string | undefined =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
const log = (line: string) => console.error(`[ab] ${line}`);

interface Side {
  name: string;
  app: AppServer;
  tab: OfflineTab;
  /** The profile the tab stored the clip in. */
  profileDir: string;
  page: OfflineRun[];
  link: OfflineRun[];
}

function describe(values: number[]): string {
  const s = summarize(values);
  return s ? `${s.median.toFixed(0)} (${s.min.toFixed(0)}–${s.max.toFixed(0)})` : '—';
}

async function main(): Promise<void> {
  const dists = Object.fromEntries(
    ['a', 'b', 'c'].flatMap((name) => {
      const dist = arg(name);
      return dist ? [[name.toUpperCase(), dist]] : [];
    }),
  );
  if (!dists.A || !dists.B) throw new Error('usage: npx tsx bench/ab-offline.ts --a=DIST --b=DIST [--c=DIST] [--runs=10]');
  const runs = Number(arg('runs') ?? 10);
  const restarted = process.argv.includes('--restarted');
  const media = await createTestVideo(BENCH_CLIP);
  const browser = await launchBrowser();
  const sides: Side[] = [];
  const loadAtStart = os.loadavg()[0] ?? 0;
  try {
    for (const [name, dist] of Object.entries(dists)) {
      const app = await startAppServer(dist);
      log(`${name}: ${dist} at ${app.url}; storing the clip…`);
      const tab = await prepareOfflineTab(browser, app, media.path);
      const profileDir = keepProfile(tab.context);
      // A profile is open in one Chromium at a time.
      if (restarted) await tab.context.close();
      sides.push({ name, app, tab, profileDir, page: [], link: [] });
    }
    for (let i = 1; i <= runs; i++) {
      // Rotate which goes first, so none always follows another.
      for (const side of [...sides.slice(i % sides.length), ...sides.slice(0, i % sides.length)]) {
        const { page, origin, infoHash } = side.tab;
        if (restarted) {
          const link = await restartedOpen(side.profileDir, `${origin}/t/${infoHash}?play=0`);
          side.link.push(link);
          log(`run ${i}/${runs} ${side.name}: Chromium just started, file link → frame ${link.navigationToFrameMs.toFixed(0)} ms`);
          continue;
        }
        const torrentPage = await offlineOpen(page, `${origin}/t/${infoHash}`, false);
        side.page.push(torrentPage);
        const link = await offlineOpen(page, `${origin}/t/${infoHash}?play=0`, true);
        side.link.push(link);
        log(
          `run ${i}/${runs} ${side.name}: torrent page → frame ${torrentPage.navigationToFrameMs.toFixed(0)} ms, ` +
            `file link → frame ${link.navigationToFrameMs.toFixed(0)} ms`,
        );
        // The other build's run comes next: this tab's video must not decode meanwhile.
        await page.evaluate(() => document.querySelectorAll('video').forEach((v) => v.pause()));
      }
    }
  } finally {
    for (const side of sides) {
      await side.tab.context.close().catch(() => {});
      await rm(side.profileDir, { recursive: true, force: true });
      await side.app.stop();
    }
    await browser.close();
  }
  const load = `load average ${loadAtStart.toFixed(1)} → ${(os.loadavg()[0] ?? 0).toFixed(1)} on ${os.cpus().length} cores`;
  console.log(`${runs} runs each, interleaved; ${load}; ms, median (min–max)`);
  for (const side of sides) {
    console.log(`${side.name} (${dists[side.name]})`);
    console.log(`  file link → frame: ${describe(side.link.map((r) => r.navigationToFrameMs))}`);
    console.log(`  torrent page, Play → frame: ${describe(side.page.map((r) => r.navigationToFrameMs))}`);
    console.log(`  file link milestones: ${medianMilestones(side.link.map((r) => r.milestones))}`);
    console.log(`  torrent page milestones: ${medianMilestones(side.page.map((r) => r.milestones))}`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});

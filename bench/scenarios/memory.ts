/**
 * Memory while a large torrent downloads: the downloading page's and its
 * engine worker's JS heap (CDP Runtime.getHeapUsage, every 500 ms) and the
 * server's resident memory (/proc/<pid>/status), with aria2c seeding over
 * TCP and the server's bridge feeding the browser.
 */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { makeTorrent, seedWithAria2 } from '../../tests/fixtures/aria2.ts';
import { explainAppFailure, waitForAppComplete } from '../lib/app.ts';
import { newContext } from '../lib/browser.ts';
import { launchDebuggableBrowser, sampleHeaps, type HeapSample } from '../lib/heap-sampler.ts';
import { metric } from '../lib/metric.ts';
import { memoryOf } from '../lib/proc-status.ts';
import { randomFile } from '../lib/random-file.ts';
import { withTimeout } from '../lib/timeout.ts';
import type { Scenario } from './scenario.ts';

const SIZE_MIB = 1024;
const SAMPLE_MS = 500;
const DOWNLOAD_TIMEOUT_MS = 600_000;

interface MemoryRun {
  seconds: number;
  mbPerSec: number;
  /** Peak over the samples of page + worker used JS heap, MiB. */
  peakBrowserHeapMiB: number;
  peakPageHeapMiB: number;
  peakWorkerHeapMiB: number;
  /** Peak allocated JS heap (page + worker), MiB. */
  peakBrowserHeapTotalMiB: number;
  /** Peak of used JS heap plus ArrayBuffer backing stores and Blink heap (page + worker), MiB; NaN if not reported. */
  peakBrowserWithBuffersMiB: number;
  /** Peak server RSS seen by sampling, and the kernel's high-water mark at the end, MiB. */
  peakServerRssMiB: number;
  serverHwmMiB: number;
  samples: HeapSample[];
}

/** Rejects once the server process has gone, so a crash shows as such rather than as a stalled download. */
async function serverExit(pid: number, watching: { on: boolean }): Promise<never> {
  for (;;) {
    await new Promise((r) => setTimeout(r, 1_000));
    // Done watching: never settle, and stop polling.
    if (!watching.on) return new Promise<never>(() => undefined);
    if (!(await stat(`/proc/${pid}`).catch(() => null))) {
      throw new Error(`the server (pid ${pid}) exited during the download`);
    }
  }
}

const peak = (values: number[]) => values.reduce((a, b) => Math.max(a, b), 0);

export const memory: Scenario = {
  name: 'memory',
  summary: `JS heap and server RSS while ${SIZE_MIB} MiB downloads aria2c → bridge → browser`,
  async run({ app, runs, log }) {
    const file = await randomFile(SIZE_MIB);
    const work = await mkdtemp(path.join(os.tmpdir(), 'btstream-bench-memory-'));
    const ours: MemoryRun[] = [];
    // Its own Chromium: the heap sampler needs a DevTools port to reach the worker.
    const { browser, debugUrl } = await launchDebuggableBrowser();
    try {
      const made = await makeTorrent(file.path, `${app.url}/announce`, path.join(work, 'memory.torrent'));
      log(`aria2c seeding ${file.name} (checking it first)…`);
      const seeder = await seedWithAria2(made.torrentPath, path.dirname(file.path));
      try {
        for (let i = 1; i <= runs; i++) {
          const context = await newContext(browser);
          const rss: number[] = [];
          const watching = { on: true };
          const rssTimer = setInterval(() => {
            void memoryOf(app.pid).then((m) => rss.push(m.rssMiB), () => undefined);
          }, SAMPLE_MS);
          try {
            const heaps = await sampleHeaps(debugUrl, app.url, SAMPLE_MS);
            const page = await context.newPage();
            const startedAt = Date.now();
            await page.goto(`${app.url}/add?uri=${encodeURIComponent(made.magnetURI)}`, { waitUntil: 'commit' });
            const doneAt = await Promise.race([
              explainAppFailure(
                page,
                'download to 100 %',
                withTimeout(waitForAppComplete(page, made.infoHash), DOWNLOAD_TIMEOUT_MS, 'memory download'),
              ),
              serverExit(app.pid, watching),
            ]);
            watching.on = false;
            const samples = await heaps.stop();
            const seconds = (doneAt - startedAt) / 1000;
            const server = await memoryOf(app.pid);
            const r: MemoryRun = {
              seconds,
              mbPerSec: file.size / seconds / 1e6,
              peakBrowserHeapMiB: peak(samples.map((s) => s.pageMiB + s.workerMiB)),
              peakPageHeapMiB: peak(samples.map((s) => s.pageMiB)),
              peakWorkerHeapMiB: peak(samples.map((s) => s.workerMiB)),
              peakBrowserHeapTotalMiB: peak(samples.map((s) => s.totalMiB)),
              peakBrowserWithBuffersMiB: samples.some((s) => Number.isNaN(s.outsideHeapMiB))
                ? NaN
                : peak(samples.map((s) => s.pageMiB + s.workerMiB + s.outsideHeapMiB)),
              peakServerRssMiB: peak([...rss, server.rssMiB]),
              serverHwmMiB: server.peakMiB,
              samples,
            };
            if (!samples.some((s) => s.workerMiB > 0)) throw new Error('no sample reached the engine worker');
            ours.push(r);
            log(
              `run ${i}/${runs}: ${r.mbPerSec.toFixed(1)} MB/s, peak heap page ${r.peakPageHeapMiB.toFixed(1)} + ` +
                `worker ${r.peakWorkerHeapMiB.toFixed(1)} MiB (sum peak ${r.peakBrowserHeapMiB.toFixed(1)}; ` +
                `with ArrayBuffers and Blink heap ${r.peakBrowserWithBuffersMiB.toFixed(1)}), ` +
                `server RSS peak ${r.peakServerRssMiB.toFixed(0)} MiB, ${samples.length} samples`,
            );
          } finally {
            clearInterval(rssTimer);
            watching.on = false;
            await context.close();
          }
        }
      } finally {
        await seeder.stop();
      }
    } finally {
      await browser.close();
      await rm(work, { recursive: true, force: true });
    }
    const pick = (key: Exclude<keyof MemoryRun, 'samples'>) => ours.map((r) => r[key]);
    const label = `${SIZE_MIB / 1024} GiB download`;
    return {
      metrics: [
        metric('memory', `${label}: peak JS heap used, page + engine worker`, 'MiB', { ours: pick('peakBrowserHeapMiB') }, { max: 150 }),
        metric('memory', `${label}: peak JS heap used, page`, 'MiB', { ours: pick('peakPageHeapMiB') }),
        metric('memory', `${label}: peak JS heap used, engine worker`, 'MiB', { ours: pick('peakWorkerHeapMiB') }),
        metric('memory', `${label}: peak JS heap allocated, page + worker`, 'MiB', { ours: pick('peakBrowserHeapTotalMiB') }),
        metric('memory', `${label}: peak JS heap used + ArrayBuffers + Blink heap, page + worker`, 'MiB', {
          ours: pick('peakBrowserWithBuffersMiB'),
        }),
        metric('memory', `${label}: server peak RSS`, 'MiB', { ours: pick('peakServerRssMiB') }),
        metric('memory', `${label}: speed`, 'MB/s', { ours: pick('mbPerSec') }),
      ],
      runs: { ours, reference: [] },
      notes: [
        `aria2c seeds ${SIZE_MIB} MiB of random data over TCP; a fresh context opens /add?uri=<magnet> and downloads it through the server's bridge into IndexedDB.`,
        `Every ${SAMPLE_MS} ms: CDP Runtime.getHeapUsage (usedSize) on the page and each dedicated worker of the app's origin, and VmRSS of the server process. ` +
          'usedSize does not count ArrayBuffer backing stores (where torrent bytes sit); the "+ ArrayBuffers + Blink heap" row adds getHeapUsage\'s backingStorageSize and embedderHeapUsedSize. ' +
          'From the second run on the server already holds the data. MiB = 2^20 bytes. No reference.',
      ],
    };
  },
};

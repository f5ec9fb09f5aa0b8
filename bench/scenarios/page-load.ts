/**
 * A first visit over a slow link: a fresh profile opens /add?uri=<magnet>
 * through Chromium's network emulation, timed to the engine worker's script
 * running and to the engine having started (the steps before it can look for
 * peers). On loopback the bytes cost nothing; over a user's link they are
 * most of the start: this is where the app's compressed copies count
 * (scripts/precompress-plugin.ts).
 */
import { newDiskContext } from '../lib/browser.ts';
import { metric } from '../lib/metric.ts';
import { readMilestones } from '../lib/milestones.ts';
import type { Scenario } from './scenario.ts';

/** A slow home or mobile link. */
const LINK = { mbit: 10, rttMs: 60 };
const STARTED_TIMEOUT_MS = 30_000;
/** A torrent nobody has: the engine starts and announces, and nothing more is asked of the network. */
const MAGNET = `magnet:?xt=urn:btih:${'5e'.repeat(20)}&dn=film.mp4`;

interface PageLoadRun {
  workerScriptMs: number;
  domContentLoadedMs: number;
  engineStartedMs: number;
  /** Bytes the page's own requests took on the wire (the page target: not the workers' scripts). */
  pageBytes: number;
}

export const pageLoad: Scenario = {
  name: 'page-load',
  summary: `first visit to /add over an emulated ${LINK.mbit} Mbit/s link with ${LINK.rttMs} ms round trips`,
  async run({ app, runs, log }) {
    const ours: PageLoadRun[] = [];
    for (let i = 1; i <= runs; i++) {
      const context = await newDiskContext();
      try {
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        await cdp.send('Network.enable');
        const bytesPerSec = (LINK.mbit * 1e6) / 8;
        await cdp.send('Network.emulateNetworkConditions', {
          offline: false,
          latency: LINK.rttMs,
          downloadThroughput: bytesPerSec,
          uploadThroughput: bytesPerSec,
        });
        let pageBytes = 0;
        cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => (pageBytes += e.encodedDataLength));
        await page.goto(`${app.url}/add?uri=${encodeURIComponent(MAGNET)}`, { waitUntil: 'commit' });
        await page.waitForFunction(() => performance.getEntriesByName('bt:page:engine-started').length > 0, null, {
          timeout: STARTED_TIMEOUT_MS,
          polling: 50,
        });
        const m = await readMilestones(page);
        const run: PageLoadRun = {
          workerScriptMs: m['engine:script-start'] ?? NaN,
          domContentLoadedMs: m['page:dom-content-loaded'] ?? NaN,
          engineStartedMs: m['page:engine-started'] ?? NaN,
          pageBytes,
        };
        ours.push(run);
        log(
          `run ${i}/${runs}: worker script ${run.workerScriptMs.toFixed(0)} ms, DOMContentLoaded ` +
            `${run.domContentLoadedMs.toFixed(0)} ms, engine started ${run.engineStartedMs.toFixed(0)} ms, ` +
            `page ${(pageBytes / 1000).toFixed(0)} kB`,
        );
      } finally {
        await context.close();
      }
    }
    const name = 'page-load';
    return {
      metrics: [
        metric(name, 'navigation → engine started', 'ms', { ours: ours.map((r) => r.engineStartedMs) }),
        metric(name, 'navigation → engine worker script running', 'ms', { ours: ours.map((r) => r.workerScriptMs) }),
        metric(name, 'navigation → DOMContentLoaded', 'ms', { ours: ours.map((r) => r.domContentLoadedMs) }),
        metric(name, "page's own requests on the wire", 'kB', { ours: ours.map((r) => r.pageBytes / 1000) }),
      ],
      runs: { ours, reference: [] },
      notes: [
        `Chromium's network emulation (CDP Network.emulateNetworkConditions): ${LINK.mbit} Mbit/s each way, ${LINK.rttMs} ms added per request; a fresh profile each run, so nothing is cached.`,
        'The magnet is of a torrent nobody has: the figures are the app and its engine starting, not a download.',
        "Bytes are the page target's requests (index.html, the app's script and styles, /api/config); the engine worker's script (336 KB as built) is fetched for the worker and not counted here, but its time is in the worker figure.",
      ],
    };
  },
};

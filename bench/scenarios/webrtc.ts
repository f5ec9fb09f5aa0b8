/**
 * Browser ← browser over WebRTC: 64 MiB of random data from a seeding page to
 * a fresh browser context, timed from the leecher's navigation to 100 %.
 */
import { explainAppFailure, seedInApp, waitForAppComplete } from '../lib/app.ts';
import { meterMainThread, newDiskContext, type MainThreadTime } from '../lib/browser.ts';
import { metric } from '../lib/metric.ts';
import { randomFile } from '../lib/random-file.ts';
import { openReferencePage, seedInReference, type RefWindow } from '../lib/reference.ts';
import type { ReferenceServer } from '../lib/reference-server.ts';
import type { AppServer } from '../lib/server.ts';
import { rawDataChannelRate } from '../lib/raw-data-channel.ts';
import { withTimeout } from '../lib/timeout.ts';
import type { Scenario } from './scenario.ts';

const SIZE_MIB = 64;
/** The raw channel's transfer: long enough to pass its start, short beside the runs. */
const RAW_MIB = 32;
const DOWNLOAD_TIMEOUT_MS = 300_000;

interface DownloadRun extends MainThreadTime {
  seconds: number;
  /** 10^6 bytes per second, over the whole time from navigation to done. */
  mbPerSec: number;
}

function toRun(bytes: number, startedAt: number, doneAt: number, busy: MainThreadTime): DownloadRun {
  const seconds = (doneAt - startedAt) / 1000;
  return { seconds, mbPerSec: bytes / seconds / 1e6, ...busy };
}

/** Ours: a fresh context opens /add?uri=<magnet>; done when the progress bar reads 100. */
async function appDownload(app: AppServer, magnetURI: string, infoHash: string, bytes: number) {
  const context = await newDiskContext();
  try {
    const page = await context.newPage();
    const startedAt = Date.now();
    await page.goto(`${app.url}/add?uri=${encodeURIComponent(magnetURI)}`, { waitUntil: 'commit' });
    const meter = await meterMainThread(page);
    const done = waitForAppComplete(page, infoHash);
    const doneAt = await explainAppFailure(
      page,
      'download to 100 %',
      withTimeout(done, DOWNLOAD_TIMEOUT_MS, 'download'),
    );
    return toRun(bytes, startedAt, doneAt, await meter.stop());
  } finally {
    await context.close();
  }
}

/** Stock webtorrent: a fresh context opens the reference page and adds the magnet; done on 'done'. */
async function referenceDownload(
  reference: ReferenceServer,
  magnetURI: string,
  announce: string,
  bytes: number,
) {
  const context = await newDiskContext();
  try {
    const page = await context.newPage();
    const startedAt = Date.now();
    await openReferencePage(page, reference);
    const meter = await meterMainThread(page);
    const done = page.evaluate(
      ({ magnetURI, announce }) =>
        new Promise<number>((resolve, reject) => {
          const w = window as unknown as RefWindow;
          if (!w.WebTorrent) return reject(new Error('webtorrent did not load'));
          const client = new w.WebTorrent({ tracker: { rtcConfig: { iceServers: [] } } });
          w.benchClient = client;
          client.on('error', (err) => reject(new Error(String(err))));
          client.add(magnetURI, { announce: [announce] }, (torrent) => {
            const finish = () => resolve(performance.timeOrigin + performance.now());
            if (torrent.done) finish();
            else torrent.on('done', finish);
          });
        }),
      { magnetURI, announce },
    );
    const doneAt = await withTimeout(done, DOWNLOAD_TIMEOUT_MS, 'stock webtorrent download');
    return toRun(bytes, startedAt, doneAt, await meter.stop());
  } finally {
    await context.close();
  }
}

export const webrtc: Scenario = {
  name: 'webrtc',
  summary: `browser ← browser over WebRTC, ${SIZE_MIB} MiB of random data`,
  async run({ browser, app, reference, runs, log }) {
    const file = await randomFile(SIZE_MIB);
    const ours: DownloadRun[] = [];
    const refs: DownloadRun[] = [];
    const raw: number[] = [];
    log(`seeding ${file.name} from the app and from stock webtorrent…`);
    const seeder = await seedInApp(browser, app, file.path);
    try {
      const refSeeder = await seedInReference(reference, file.path, app.announceUrl);
      try {
        // Interleaved, so both see the same machine conditions.
        for (let i = 1; i <= runs; i++) {
          const o = await appDownload(app, seeder.magnetURI, seeder.infoHash, file.size);
          ours.push(o);
          log(`run ${i}/${runs} ours: ${o.mbPerSec.toFixed(2)} MB/s, main thread ${o.taskMs.toFixed(0)} ms`);
          const r = await referenceDownload(reference, refSeeder.magnetURI, app.announceUrl, file.size);
          refs.push(r);
          log(`run ${i}/${runs} stock: ${r.mbPerSec.toFixed(2)} MB/s, main thread ${r.taskMs.toFixed(0)} ms`);
          const ceiling = await rawDataChannelRate(RAW_MIB * 1024 * 1024);
          raw.push(ceiling);
          log(`run ${i}/${runs} raw data channel: ${ceiling.toFixed(2)} MB/s`);
        }
      } finally {
        await refSeeder.context.close();
      }
    } finally {
      await seeder.context.close();
    }
    const pick = (runs: DownloadRun[], key: keyof DownloadRun) => runs.map((r) => r[key]);
    return {
      metrics: [
        metric(
          'webrtc',
          'download speed',
          'MB/s',
          { ours: pick(ours, 'mbPerSec'), reference: pick(refs, 'mbPerSec') },
          { min: 14, minRatio: 1.5 },
        ),
        metric('webrtc', `ceiling: one raw RTCDataChannel between two fresh Chromiums, ${RAW_MIB} MiB`, 'MB/s', { ours: raw }),
        metric(
          'webrtc',
          'leecher main thread busy (TaskDuration)',
          'ms',
          { ours: pick(ours, 'taskMs'), reference: pick(refs, 'taskMs') },
          { maxRatio: 0.1 },
        ),
        metric('webrtc', 'leecher main thread script (ScriptDuration)', 'ms', {
          ours: pick(ours, 'scriptMs'),
          reference: pick(refs, 'scriptMs'),
        }),
      ],
      runs: { ours, reference: refs },
      notes: [
        'MB/s = 10^6 bytes/s, timed from the leecher tab\'s navigation (page load included) to completion.',
        'Ours is seen complete when the progress bar reads 100; the app pushes status every 500 ms, so this can lag by up to 0.5 s.',
        'Ceiling: in each run, two fresh Chromiums (profiles on disk, as the leecher\'s) open one RTCDataChannel over loopback with host candidates only; ' +
          'one page sends 16 KiB messages keeping 64 KiB buffered (simple-peer\'s limit), the other times the first message to the last (bench/lib/raw-data-channel.ts). ' +
          'No app and no BitTorrent: no browser-to-browser download on this machine can be faster than this row.',
        'Main-thread time is the leecher tab\'s renderer main thread from navigation commit to completion (CDP Performance.getMetrics).',
      ],
    };
  },
};

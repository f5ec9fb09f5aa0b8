/**
 * The server's bridge: a TCP-only swarm (aria2c seeding 256 MiB of random
 * data, announcing to the server's HTTP tracker) reaches the browser through
 * the server, cold (the bridge fetches from aria2c meanwhile) and warm (the
 * bridge has it all). Beside it, in the same run: stock webtorrent reading
 * the server's BEP19 web seed, aria2c → aria2c, 50 concurrent Range readers
 * of the server's /stream/, and the cold path again from qBittorrent, which
 * answers a new peer at once where aria2c waits for its one-second tick.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { makeTorrent, seedWithAria2, type MadeTorrent } from '../../tests/fixtures/aria2.ts';
import { seedWithQbittorrent } from '../../tests/fixtures/qbittorrent.ts';
import { explainAppFailure } from '../lib/app.ts';
import { downloadWithAria2 } from '../lib/aria2-leech.ts';
import { handshakeReplyTimes } from '../lib/handshake-probe.ts';
import { browserPidOf, newDiskContext } from '../lib/browser.ts';
import { metric } from '../lib/metric.ts';
import { readMilestones } from '../lib/milestones.ts';
import { randomFile } from '../lib/random-file.ts';
import { openReferencePage, type RefTorrent, type RefWindow } from '../lib/reference.ts';
import type { ReferenceServer } from '../lib/reference-server.ts';
import type { AppServer } from '../lib/server.ts';
import { cpuSecondsOf, cpuSecondsOfTree } from '../lib/proc-status.ts';
import { percentile, sortedCopy } from '../lib/stats.ts';
import { withTimeout } from '../lib/timeout.ts';
import type { Scenario } from './scenario.ts';

const SIZE_MIB = 256;
const DOWNLOAD_TIMEOUT_MS = 300_000;
const READY_TIMEOUT_MS = 120_000;
const READERS = 50;
const MiB = 1024 * 1024;

interface RangeRun {
  p50Ms: number;
  p99Ms: number;
  /** Every reader's time to first byte, ms. */
  ttfbMs: number[];
}

/** CPU seconds (user + system, all threads) each side used over one download, navigation to 100 %. */
interface RunCpu {
  server: number;
  /** The browser process and every process under it (renderer, GPU, network, storage, audio). */
  chromium: number;
  /** The seeding client; 0 when the bridge already had every byte. */
  seeder: number;
}

interface AppRun {
  /** Navigation to 100 %, seconds. */
  seconds: number;
  cpu: RunCpu;
  /** MB/s from the first progress the page showed to 100 %: the transfer alone, without app start and metadata. */
  transferMbPerSec: number | null;
  /** MB/s from the engine's `engine:add` mark (torrent handed to webtorrent) to 100 %: without page and worker start. */
  fromAddMbPerSec: number | null;
}

/**
 * The torrent page's progress bar, watched from the page: when it first
 * moved off 0 (and to what) and when it reached 100. The engine pushes
 * progress every 500 ms, so the first figure is coarse.
 */
function watchProgress(page: Page, infoHash: string): Promise<{ firstAt: number; firstPercent: number; doneAt: number }> {
  return page.evaluate(
    (ih) =>
      new Promise<{ firstAt: number; firstPercent: number; doneAt: number }>((resolve) => {
        let firstAt = 0;
        let firstPercent = 0;
        const check = () => {
          const view = document.querySelector<HTMLElement>('[data-testid="torrent-page"]');
          const value = view?.querySelector('[data-testid="torrent-progress"]')?.getAttribute('aria-valuenow');
          if (view?.dataset.infohash !== ih || !value) return;
          const now = performance.timeOrigin + performance.now();
          if (firstAt === 0 && Number(value) > 0) {
            firstAt = now;
            firstPercent = Number(value);
          }
          if (value !== '100') return;
          observer.disconnect();
          resolve({ firstAt: firstAt || now, firstPercent: firstAt ? firstPercent : 100, doneAt: now });
        };
        const observer = new MutationObserver(check);
        observer.observe(document, { subtree: true, childList: true, attributes: true });
        check();
      }),
    infoHash,
  );
}

/** Ours: a fresh context opens /add?uri=<magnet> and downloads into IndexedDB. */
async function appDownload(app: AppServer, magnetURI: string, infoHash: string, size: number, seederPid: number): Promise<AppRun> {
  const context = await newDiskContext();
  try {
    const page = await context.newPage();
    const browserPid = await browserPidOf(context);
    const readCpu = async (): Promise<RunCpu> => ({
      server: await cpuSecondsOf(app.pid),
      chromium: await cpuSecondsOfTree(browserPid),
      seeder: await cpuSecondsOf(seederPid),
    });
    const cpuBefore = await readCpu();
    const startedAt = Date.now();
    await page.goto(`${app.url}/add?uri=${encodeURIComponent(magnetURI)}`, { waitUntil: 'commit' });
    const seen = await explainAppFailure(
      page,
      'bridge download to 100 %',
      withTimeout(watchProgress(page, infoHash), DOWNLOAD_TIMEOUT_MS, 'bridge download'),
    );
    const cpuAfter = await readCpu();
    const transferSeconds = (seen.doneAt - seen.firstAt) / 1000;
    // Marks are ms after the page's time origin; doneAt is wall-clock ms.
    const addedAfterOrigin = (await readMilestones(page))['engine:add'];
    const origin = await page.evaluate(() => performance.timeOrigin);
    const fromAddSeconds = addedAfterOrigin === undefined ? 0 : (seen.doneAt - (origin + addedAfterOrigin)) / 1000;
    return {
      seconds: (seen.doneAt - startedAt) / 1000,
      cpu: {
        server: cpuAfter.server - cpuBefore.server,
        chromium: cpuAfter.chromium - cpuBefore.chromium,
        seeder: cpuAfter.seeder - cpuBefore.seeder,
      },
      transferMbPerSec: transferSeconds > 0 ? (size * (1 - seen.firstPercent / 100)) / transferSeconds / 1e6 : null,
      fromAddMbPerSec: fromAddSeconds > 0 ? size / fromAddSeconds / 1e6 : null,
    };
  } finally {
    await context.close();
  }
}

async function addToBridge(app: AppServer, magnetURI: string, infoHash: string): Promise<void> {
  const res = await fetch(`${app.url}/api/torrents`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ uri: magnetURI }),
  });
  if (!res.ok) throw new Error(`POST /api/torrents: ${res.status} ${await res.text()}`);
  const deadline = Date.now() + READY_TIMEOUT_MS;
  for (;;) {
    const status = (await (await fetch(`${app.url}/api/torrents/${infoHash}`)).json()) as {
      ready?: boolean;
      progress?: number;
    };
    if (status.ready === true && status.progress === 1) return;
    if (Date.now() > deadline) throw new Error(`the bridge did not have the whole torrent within ${READY_TIMEOUT_MS / 1000} s`);
    // Often: the bridge-alone figure is timed by this loop.
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Stock webtorrent on the reference page, given the server's .torrent (its url-list is the web seed). */
async function referenceWebSeed(reference: ReferenceServer, torrent: Uint8Array): Promise<number> {
  const context = await newDiskContext();
  try {
    const page = await context.newPage();
    const startedAt = Date.now();
    await openReferencePage(page, reference);
    const done = page.evaluate(
      (bytes) =>
        new Promise<number>((resolve, reject) => {
          const w = window as unknown as RefWindow;
          if (!w.WebTorrent) return reject(new Error('webtorrent did not load'));
          const client = new w.WebTorrent({ tracker: { rtcConfig: { iceServers: [] } } });
          w.benchClient = client;
          client.on('error', (err) => reject(new Error(String(err))));
          // The .torrent's HTTP tracker is useless to a browser; the web seed is the only source.
          const byFile = client as unknown as { add(t: Uint8Array, o: object, cb: (t: RefTorrent) => void): void };
          byFile.add(new Uint8Array(bytes), { announce: [] }, (t) => {
            const finish = () => resolve(performance.timeOrigin + performance.now());
            if (t.done) finish();
            else t.on('done', finish);
          });
        }),
      Array.from(torrent),
    );
    const doneAt = await withTimeout(done, DOWNLOAD_TIMEOUT_MS, 'stock webtorrent web-seed download');
    return (doneAt - startedAt) / 1000;
  } finally {
    await context.close();
  }
}

/** READERS concurrent Node fetches of different 1 MiB ranges of /stream/<ih>/0; time to first body byte. */
async function concurrentRanges(app: AppServer, infoHash: string, size: number, run: number): Promise<RangeRun> {
  const slots = Math.floor(size / MiB);
  const read = async (i: number) => {
    // A different set of ranges each run, spread over the whole file.
    const start = ((i * 7 + run * 13) % slots) * MiB;
    const began = performance.now();
    const res = await fetch(`${app.url}/stream/${infoHash}/0`, { headers: { Range: `bytes=${start}-${start + MiB - 1}` } });
    if (res.status !== 206 || !res.body) throw new Error(`/stream/ range ${start}: HTTP ${res.status}`);
    const reader = res.body.getReader();
    const first = await reader.read();
    const ttfb = performance.now() - began;
    let bytes = first.value?.byteLength ?? 0;
    for (let r = await reader.read(); !r.done; r = await reader.read()) bytes += r.value.byteLength;
    if (bytes !== MiB) throw new Error(`/stream/ range ${start}: ${bytes} bytes, not ${MiB}`);
    return ttfb;
  };
  const ttfbMs = await Promise.all(Array.from({ length: READERS }, (_, i) => read(i)));
  const sorted = sortedCopy(ttfbMs);
  return { p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99), ttfbMs };
}

/** Makes the bridge forget the torrent and its data, so the next download is cold. */
async function dropFromBridge(app: AppServer, infoHash: string): Promise<void> {
  const res = await fetch(`${app.url}/api/torrents/${infoHash}`, { method: 'DELETE' });
  if (res.status !== 204 && res.status !== 404) throw new Error(`DELETE /api/torrents/<ih>: ${res.status} ${await res.text()}`);
}

const mbPerSec = (bytes: number, seconds: number): number => bytes / seconds / 1e6;

const CORES = os.availableParallelism();

/** The share of the machine's cores the three processes kept busy over a run, %. */
const busyPercent = (run: AppRun): number => ((run.cpu.server + run.cpu.chromium + run.cpu.seeder) / (CORES * run.seconds)) * 100;

const cpuLine = (run: AppRun, seeder = 'aria2c'): string =>
  `CPU: server ${run.cpu.server.toFixed(2)} s, Chromium ${run.cpu.chromium.toFixed(2)} s, ${seeder} ${run.cpu.seeder.toFixed(2)} s ` +
  `(${busyPercent(run).toFixed(0)} % of ${CORES} cores over ${run.seconds.toFixed(2)} s)`;

/** The bridge alone, no browser: dropped, given the magnet, timed to the whole torrent, with the server's CPU for it. */
async function bridgeAloneRun(app: AppServer, made: MadeTorrent, size: number): Promise<{ mbPerSec: number; cpuSeconds: number }> {
  await dropFromBridge(app, made.infoHash);
  const cpuBefore = await cpuSecondsOf(app.pid);
  const joinedAt = performance.now();
  await addToBridge(app, made.magnetURI, made.infoHash);
  const seconds = (performance.now() - joinedAt) / 1000;
  const cpuSeconds = (await cpuSecondsOf(app.pid)) - cpuBefore;
  return { mbPerSec: mbPerSec(size, seconds), cpuSeconds };
}

export const bridge: Scenario = {
  name: 'bridge',
  summary: `aria2c (TCP) → server bridge → browser, ${SIZE_MIB} MiB of random data, cold and warm`,
  async run({ app, reference, runs, log }) {
    const file = await randomFile(SIZE_MIB);
    const work = await mkdtemp(path.join(os.tmpdir(), 'btstream-bench-bridge-'));
    const cold: number[] = [];
    const warm: number[] = [];
    const coldTransfer: number[] = [];
    const warmTransfer: number[] = [];
    const coldFromAdd: number[] = [];
    const coldRuns: AppRun[] = [];
    const warmRuns: AppRun[] = [];
    const warmFromAdd: number[] = [];
    const webSeed: number[] = [];
    const aria: number[] = [];
    const ranges: RangeRun[] = [];
    const bridgeAlone: number[] = [];
    const bridgeCpu: number[] = [];
    const qbAlone: number[] = [];
    const qbCpu: number[] = [];
    const qbCold: number[] = [];
    const qbColdTransfer: number[] = [];
    let ariaHandshake: number[] | undefined;
    let qbHandshake: number[] | undefined;
    try {
      const made = await makeTorrent(file.path, `${app.url}/announce`, path.join(work, 'bridge.torrent'));
      // Another piece size: another info hash, so qBittorrent has its own swarm, apart from aria2c's.
      const qbMade = await makeTorrent(file.path, `${app.url}/announce`, path.join(work, 'bridge-qb.torrent'), 19);
      log(`aria2c seeding ${file.name} (checking it first)…`);
      const seeder = await seedWithAria2(made.torrentPath, path.dirname(file.path));
      try {
        ariaHandshake = await handshakeReplyTimes(seeder.port, made.infoHash);
        log(`aria2c's first reply to a new peer's handshake: ${ariaHandshake.map((ms) => ms.toFixed(0)).join(', ')} ms`);
        for (let i = 1; i <= runs; i++) {
          // Cold: the bridge starts without the torrent and fetches it from aria2c while the browser fetches from it.
          await dropFromBridge(app, made.infoHash);
          const coldRun = await appDownload(app, made.magnetURI, made.infoHash, file.size, seeder.pid);
          const c = mbPerSec(file.size, coldRun.seconds);
          cold.push(c);
          coldRuns.push(coldRun);
          if (coldRun.transferMbPerSec !== null) coldTransfer.push(coldRun.transferMbPerSec);
          if (coldRun.fromAddMbPerSec !== null) coldFromAdd.push(coldRun.fromAddMbPerSec);
          log(
            `run ${i}/${runs} ours, cold bridge: ${c.toFixed(1)} MB/s (transfer alone ${coldRun.transferMbPerSec?.toFixed(1) ?? '-'}, ` +
              `from engine:add ${coldRun.fromAddMbPerSec?.toFixed(1) ?? '-'}); ${cpuLine(coldRun)}`,
          );

          // The bridge alone, no browser: what it takes from aria2c, and the server's CPU for it.
          const alone = await bridgeAloneRun(app, made, file.size);
          bridgeAlone.push(alone.mbPerSec);
          bridgeCpu.push(alone.cpuSeconds);
          log(`run ${i}/${runs} aria2c → bridge alone: ${alone.mbPerSec.toFixed(1)} MB/s, server CPU ${alone.cpuSeconds.toFixed(2)} s`);

          // Warm: the bridge has every byte, so this is the browser side alone.
          const warmRun = await appDownload(app, made.magnetURI, made.infoHash, file.size, seeder.pid);
          const w = mbPerSec(file.size, warmRun.seconds);
          warm.push(w);
          warmRuns.push(warmRun);
          if (warmRun.transferMbPerSec !== null) warmTransfer.push(warmRun.transferMbPerSec);
          if (warmRun.fromAddMbPerSec !== null) warmFromAdd.push(warmRun.fromAddMbPerSec);
          log(
            `run ${i}/${runs} ours, warm bridge: ${w.toFixed(1)} MB/s (transfer alone ${warmRun.transferMbPerSec?.toFixed(1) ?? '-'}, ` +
              `from engine:add ${warmRun.fromAddMbPerSec?.toFixed(1) ?? '-'}); ${cpuLine(warmRun)}`,
          );

          const res = await fetch(`${app.url}/api/torrents/${made.infoHash}/torrent`);
          if (!res.ok) throw new Error(`GET /api/torrents/<ih>/torrent: ${res.status}`);
          const torrent = new Uint8Array(await res.arrayBuffer());
          const ws = mbPerSec(file.size, await referenceWebSeed(reference, torrent));
          webSeed.push(ws);
          log(`run ${i}/${runs} stock webtorrent ← web seed (warm bridge): ${ws.toFixed(1)} MB/s`);

          const dir = await mkdtemp(path.join(work, 'aria2-'));
          const as = await downloadWithAria2(made.torrentPath, dir, DOWNLOAD_TIMEOUT_MS);
          await rm(dir, { recursive: true, force: true });
          aria.push(mbPerSec(file.size, as));
          log(`run ${i}/${runs} aria2c → aria2c: ${mbPerSec(file.size, as).toFixed(1)} MB/s`);

          const r = await concurrentRanges(app, made.infoHash, file.size, i);
          ranges.push(r);
          log(`run ${i}/${runs} ${READERS} range readers: TTFB p50 ${r.p50Ms.toFixed(0)} ms, p99 ${r.p99Ms.toFixed(0)} ms`);
        }
      } finally {
        await seeder.stop();
      }
      // Apart from the runs above, so its client idles in none of them.
      await dropFromBridge(app, made.infoHash);
      log(`qBittorrent seeding ${file.name} (checking it first)…`);
      const qbSeeder = await seedWithQbittorrent(qbMade.torrentPath, path.dirname(file.path), 'TCP');
      try {
        qbHandshake = await handshakeReplyTimes(qbSeeder.port, qbMade.infoHash);
        log(`qBittorrent's first reply to a new peer's handshake: ${qbHandshake.map((ms) => ms.toFixed(0)).join(', ')} ms`);
        for (let i = 1; i <= runs; i++) {
          // The cold path again, from a seeder that answers a new peer at once.
          await dropFromBridge(app, qbMade.infoHash);
          const qbRun = await appDownload(app, qbMade.magnetURI, qbMade.infoHash, file.size, qbSeeder.pid);
          qbCold.push(mbPerSec(file.size, qbRun.seconds));
          if (qbRun.transferMbPerSec !== null) qbColdTransfer.push(qbRun.transferMbPerSec);
          log(
            `run ${i}/${runs} ours, cold bridge from qBittorrent: ${mbPerSec(file.size, qbRun.seconds).toFixed(1)} MB/s ` +
              `(transfer alone ${qbRun.transferMbPerSec?.toFixed(1) ?? '-'}); ${cpuLine(qbRun, 'qBittorrent')}`,
          );
          // libtorrent picks RC4 encryption when the bridge offers it with plaintext.
          const fromQb = await bridgeAloneRun(app, qbMade, file.size);
          qbAlone.push(fromQb.mbPerSec);
          qbCpu.push(fromQb.cpuSeconds);
          log(`run ${i}/${runs} qBittorrent → bridge alone: ${fromQb.mbPerSec.toFixed(1)} MB/s, server CPU ${fromQb.cpuSeconds.toFixed(2)} s`);
        }
      } finally {
        await qbSeeder.stop();
      }
    } finally {
      await rm(work, { recursive: true, force: true });
    }
    const name = (path: string, ref: string) => `aria2c → ${path} bridge → browser (IndexedDB), vs ${ref}`;
    return {
      metrics: [
        metric('bridge', name('cold', 'stock webtorrent ← web seed'), 'MB/s', { ours: cold, reference: webSeed }, { min: 100 }),
        metric('bridge', name('cold', 'aria2c → aria2c'), 'MB/s', { ours: cold, reference: aria }, { min: 100 }),
        metric('bridge', name('warm', 'stock webtorrent ← web seed'), 'MB/s', { ours: warm, reference: webSeed }, { min: 100 }),
        metric('bridge', name('warm', 'aria2c → aria2c'), 'MB/s', { ours: warm, reference: aria }, { min: 100 }),
        metric('bridge', 'cold bridge, transfer alone (first progress → 100 %), vs aria2c → aria2c', 'MB/s', { ours: coldTransfer, reference: aria }),
        metric('bridge', 'warm bridge, transfer alone (first progress → 100 %), vs aria2c → aria2c', 'MB/s', { ours: warmTransfer, reference: aria }),
        metric('bridge', 'cold bridge, engine:add → 100 % stored, vs aria2c → aria2c', 'MB/s', { ours: coldFromAdd, reference: aria }),
        metric('bridge', 'warm bridge, engine:add → 100 % stored, vs aria2c → aria2c', 'MB/s', { ours: warmFromAdd, reference: aria }),
        metric('bridge', `cold bridge: server CPU per ${SIZE_MIB} MiB run`, 's', { ours: coldRuns.map((r) => r.cpu.server) }),
        metric('bridge', `cold bridge: Chromium CPU (all its processes) per ${SIZE_MIB} MiB run`, 's', { ours: coldRuns.map((r) => r.cpu.chromium) }),
        metric('bridge', `cold bridge: aria2c CPU per ${SIZE_MIB} MiB run`, 's', { ours: coldRuns.map((r) => r.cpu.seeder) }),
        metric('bridge', `cold bridge: the ${CORES} cores kept busy by the three, over the run`, '%', { ours: coldRuns.map(busyPercent) }),
        metric('bridge', `warm bridge: Chromium CPU (all its processes) per ${SIZE_MIB} MiB run`, 's', { ours: warmRuns.map((r) => r.cpu.chromium) }),
        metric('bridge', `warm bridge: server CPU per ${SIZE_MIB} MiB run`, 's', { ours: warmRuns.map((r) => r.cpu.server) }),
        metric('bridge', 'aria2c → bridge alone (no browser), vs aria2c → aria2c', 'MB/s', { ours: bridgeAlone, reference: aria }),
        metric('bridge', `server CPU for the bridge alone, per ${SIZE_MIB} MiB`, 's', { ours: bridgeCpu }),
        metric('bridge', 'qBittorrent (TCP, RC4) → bridge alone (no browser), vs aria2c → aria2c', 'MB/s', { ours: qbAlone, reference: aria }),
        metric('bridge', `server CPU for the bridge alone from qBittorrent, per ${SIZE_MIB} MiB`, 's', { ours: qbCpu }),
        metric('bridge', 'qBittorrent (TCP) → cold bridge → browser (IndexedDB), vs aria2c → aria2c', 'MB/s', { ours: qbCold, reference: aria }),
        metric('bridge', 'qBittorrent → cold bridge, transfer alone, vs aria2c → aria2c', 'MB/s', { ours: qbColdTransfer, reference: aria }),
        metric('bridge', "aria2c's first reply to a new peer's handshake", 'ms', { ours: ariaHandshake ?? [] }),
        metric('bridge', "qBittorrent's first reply to a new peer's handshake", 'ms', { ours: qbHandshake ?? [] }),
        metric('bridge', `${READERS} concurrent 1 MiB /stream/ ranges: TTFB p50`, 'ms', { ours: ranges.map((r) => r.p50Ms) }),
        metric('bridge', `${READERS} concurrent 1 MiB /stream/ ranges: TTFB p99`, 'ms', { ours: ranges.map((r) => r.p99Ms) }),
      ],
      runs: {
        ours: cold.map((c, i) => ({
          coldMbPerSec: c,
          warmMbPerSec: warm[i],
          coldTransferMbPerSec: coldTransfer[i],
          warmTransferMbPerSec: warmTransfer[i],
          coldFromAddMbPerSec: coldFromAdd[i],
          coldCpuSeconds: coldRuns[i]?.cpu,
          warmCpuSeconds: warmRuns[i]?.cpu,
          warmFromAddMbPerSec: warmFromAdd[i],
          ranges: ranges[i],
          bridgeAloneMbPerSec: bridgeAlone[i],
          bridgeAloneServerCpuSeconds: bridgeCpu[i],
          qbittorrentBridgeAloneMbPerSec: qbAlone[i],
          qbittorrentBridgeAloneServerCpuSeconds: qbCpu[i],
          qbittorrentColdMbPerSec: qbCold[i],
          qbittorrentColdTransferMbPerSec: qbColdTransfer[i],
        })),
        reference: webSeed.map((w, i) => ({ webSeedMbPerSec: w, aria2MbPerSec: aria[i] })),
      },
      notes: [
        'Ours: a fresh context opens /add?uri=<magnet> (HTTP tracker only; named random-256MiB.bin by its dn, so the page loads no audio warm-up, app/shared/audio-warmup.ts), timed from navigation to the progress bar at 100. ' +
          'Cold: the bridge was told to drop the torrent and its data first (DELETE /api/torrents/<ih>), so it fetches from aria2c while the browser fetches from it; ' +
          'it starts joining when the browser asks the server for the /add page (tracker-server/routes/add-page-join.ts), before the engine asks. ' +
          'Warm: the bridge already holds every byte, so the figure is the browser side alone (the engine\'s webseed/ fetcher). ' +
          '"Transfer alone" leaves out app start, bridge join and metadata: bytes after the first progress the page showed, over the time from it to 100 % (progress is pushed every 500 ms, so it is coarse). ' +
          '"engine:add → 100 % stored" leaves out page load and engine worker start only: the whole torrent over the time from the engine worker\'s engine:add mark (the magnet handed to webtorrent; waiting for the bridge\'s metadata and the first IndexedDB write count, though the join began at the /add request) to the page showing 100 % (every piece verified and committed to IndexedDB).',
        'CPU per run: user + system time of every thread, from /proc, navigation to 100 %: the server process; the run\'s Chromium (its browser process and every process under it: renderer with page, engine and service worker, GPU, network, storage); the seeding client (aria2c, or qBittorrent in its own cold rows). ' +
          `The busy share is their sum over the ${CORES} cores times the run's length: near 100 %, the run is bound by the machine's CPU, and only less work per byte on some side makes it faster.`,
        "Stock webtorrent 3.0.21 (main thread) adds the server's .torrent (GET /api/torrents/<ih>/torrent, url-list = /webseed/<ih>) with no tracker, from a warm bridge; timed from navigation to done.",
        "aria2c → aria2c: a second aria2c downloads the torrent (peers from the tracker: the seeding aria2c and the server's bridge), timed from spawn to exit.",
        'Bridge alone: the server drops the torrent, is given the magnet (POST /api/torrents) and is timed until it reports the whole torrent (GET /api/torrents/<ih>, polled every 50 ms), with no browser; ' +
          'server CPU is its process\'s user + system time over that span (/proc). The cold path, which gets every byte through the bridge, cannot go faster. ' +
          'The same from qBittorrent (libtorrent, TCP only) seeding the same data as another torrent (512 KiB pieces, so its own swarm): libtorrent picks RC4 when the bridge offers it with plaintext, as most clients with default settings do.',
        "Handshake replies: a plain BitTorrent handshake sent on a new TCP connection to each seeder, 6 times at uneven spacing (200 + 167·i ms), timed to the seeder's first byte back. " +
          'aria2c answers new peers on a one-second tick (0-1 s, whatever the spacing), libtorrent at once: a cold bridge from aria2c waits that long for its first byte, which the browser side cannot make up. ' +
          'The cold run from qBittorrent is the same cold path from a seeder without that wait (and with RC4, which libtorrent picks).',
        `Range readers: ${READERS} concurrent Node fetches of different 1 MiB ranges of /stream/<ih>/0 once the bridge has the file; TTFB = first body chunk.`,
      ],
    };
  },
};

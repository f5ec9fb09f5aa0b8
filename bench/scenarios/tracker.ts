/**
 * 1,000 raw WebSocket peers against the server's /announce, beside stock
 * bittorrent-tracker's own server: announce rate, offer relay latency, memory.
 */
import { metric } from '../lib/metric.ts';
import { memoryOf } from '../lib/proc-status.ts';
import { percentile, sortedCopy } from '../lib/stats.ts';
import { startStockTracker } from '../lib/stock-tracker.ts';
import { Fleet, randomId } from '../lib/ws-fleet.ts';
import type { Scenario } from './scenario.ts';

const PEERS = 1000;
const SWARMS = 50;
const OFFERS_PER_ANNOUNCE = 5;
const ONE_AT_A_TIME = 200;
const CONNECT_CONCURRENCY = 50;

interface TrackerRun {
  connectSeconds: number;
  announcesPerSec: number;
  burstRelayed: number;
  burstP50Ms: number;
  burstP99Ms: number;
  idleP50Ms: number;
  idleP99Ms: number;
  rssBeforeMiB: number;
  rssWithPeersMiB: number;
  peakMiB: number;
  failures: string[];
}

const p = (values: number[], q: number) => percentile(sortedCopy(values), q);

async function measure(announceUrl: string, pid: number): Promise<TrackerRun> {
  const before = await memoryOf(pid);
  const swarms = Array.from({ length: SWARMS }, randomId);
  const connectStart = performance.now();
  const fleet = await Fleet.connect(
    announceUrl,
    Array.from({ length: PEERS }, (_, i) => swarms[i % SWARMS] as string),
    CONNECT_CONCURRENCY,
  );
  try {
    const connectSeconds = (performance.now() - connectStart) / 1000;

    // Burst: every peer joins its swarm with offers in the same tick. Messages
    // are built first, so only sending is inside the timed window.
    const burst = fleet.peers.map((peer) => {
      const ids = Array.from({ length: OFFERS_PER_ANNOUNCE }, randomId);
      return { peer, ids, message: Fleet.announceMessage(peer, ids, 'started') };
    });
    const sentAt = new Map<string, number>();
    const burstStart = performance.now();
    for (const { peer, ids, message } of burst) {
      const at = fleet.send(peer, message);
      for (const id of ids) sentAt.set(id, at);
    }
    await fleet.waitUntil(() => fleet.responses >= PEERS, 60_000, `${PEERS} announce responses`);
    const announcesPerSec = PEERS / ((fleet.lastResponseAt - burstStart) / 1000);
    // Offers are relayed after the response is sent; give the last ones a moment.
    await new Promise((r) => setTimeout(r, 1_000));
    const burstLatencies = [...fleet.offerArrivals].flatMap(([id, at]) => {
      const sent = sentAt.get(id);
      return sent === undefined ? [] : [at - sent];
    });
    const withPeers = await memoryOf(pid);

    // One at a time: a random peer re-announces with one offer; wait for it to arrive.
    const idle: number[] = [];
    for (let i = 0; i < ONE_AT_A_TIME; i++) {
      const peer = fleet.peers[Math.floor(Math.random() * fleet.peers.length)];
      if (!peer) break;
      const id = randomId();
      const at = fleet.send(peer, Fleet.announceMessage(peer, [id]));
      await fleet.waitUntil(() => fleet.offerArrivals.has(id), 5_000, 'a relayed offer');
      idle.push((fleet.offerArrivals.get(id) as number) - at);
    }
    if (burstLatencies.length === 0) throw new Error('no offer was relayed during the burst');

    return {
      connectSeconds,
      announcesPerSec,
      burstRelayed: burstLatencies.length,
      burstP50Ms: p(burstLatencies, 50),
      burstP99Ms: p(burstLatencies, 99),
      idleP50Ms: p(idle, 50),
      idleP99Ms: p(idle, 99),
      rssBeforeMiB: before.rssMiB,
      rssWithPeersMiB: withPeers.rssMiB,
      peakMiB: (await memoryOf(pid)).peakMiB,
      failures: fleet.failures.slice(0, 5),
    };
  } finally {
    fleet.close();
  }
}

export const tracker: Scenario = {
  name: 'tracker',
  summary: `${PEERS} WebSocket peers in ${SWARMS} swarms, ${OFFERS_PER_ANNOUNCE} offers each, against /announce`,
  async run({ app, runs, log }) {
    const stock = await startStockTracker();
    const ours: TrackerRun[] = [];
    const refs: TrackerRun[] = [];
    try {
      // The first burst in a process runs cold (JIT) and was up to 2.5× slower: warm both up, untimed.
      log('warm-up burst against each server (not counted)…');
      await measure(app.announceUrl, app.pid);
      await measure(stock.announceUrl, stock.pid);
      for (let i = 1; i <= runs; i++) {
        // Alternate who goes first, so neither always meets a warmer bench process.
        const order = i % 2 === 1 ? (['ours', 'stock'] as const) : (['stock', 'ours'] as const);
        for (const who of order) {
          const server = who === 'ours' ? app : stock;
          const run = await measure(server.announceUrl, server.pid);
          (who === 'ours' ? ours : refs).push(run);
          const rate = run.announcesPerSec.toFixed(0);
          log(`run ${i}/${runs} ${who}: ${rate} announces/s, relay p99 ${run.burstP99Ms.toFixed(0)} ms`);
        }
      }
    } finally {
      await stock.stop();
    }
    const m = (name: string, unit: string, key: keyof Omit<TrackerRun, 'failures'>) =>
      metric('tracker', name, unit, { ours: ours.map((r) => r[key]), reference: refs.map((r) => r[key]) });
    return {
      metrics: [
        m(`announces/s, ${PEERS} at once`, '1/s', 'announcesPerSec'),
        m('offer relay p50, during the burst', 'ms', 'burstP50Ms'),
        m('offer relay p99, during the burst', 'ms', 'burstP99Ms'),
        m('offer relay p50, one at a time', 'ms', 'idleP50Ms'),
        m('offer relay p99, one at a time', 'ms', 'idleP99Ms'),
        m(`server RSS with ${PEERS} peers`, 'MiB', 'rssWithPeersMiB'),
      ],
      runs: { ours, reference: refs },
      notes: [
        'Reference: stock bittorrent-tracker Server({ ws: true }) alone in its own process; ours is the whole app server (fastify, static files, guards).',
        'Relay latency: from handing the announce to the client socket to the offer reaching another peer; both ends are in the bench process, so its own queueing is included.',
        'Each server gets one untimed warm-up burst first.',
        'Ours runs after the browser scenarios in a full `npm run bench`, so its RSS includes what they left behind.',
      ],
    };
  },
};

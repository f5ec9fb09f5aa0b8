/**
 * What storing pieces costs Chromium itself, with nothing else running: a
 * page in a profile on disk writes 256 MiB of random 256 KiB pieces into
 * IndexedDB in 4 MiB transactions, one after another, as the engine's chunk
 * store does. Prints the time and the CPU time of all Chromium processes
 * (/proc), per run; the ceiling for the bridge scenario's storing side.
 * Then it reads them back: 100 whole values (as the service worker reads a
 * run), and 1000 random 64 KiB parts of values (as a seeder serves a peer's
 * pieces). --blob stores each value as a Blob, as the piece writer does.
 *
 *   npx tsx bench/idb-write-cost.ts [--runs=3] [--value-kib=256] [--tx-mib=4] [--in-flight=1] [--blob]
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../tests/support/chromium.ts';

const arg = (name: string, fallback: number): number =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback);
const RUNS = arg('runs', 3);
/** Bytes per stored value: a piece, or a run of pieces as the chunk store keeps them (app/shared/piece-runs.ts). */
const VALUE = arg('value-kib', 256) * 1024;
const TX_BYTES = arg('tx-mib', 4) * 1024 * 1024;
/** Transactions under way at once, as the chunk store allows (MAX_WRITES). */
const IN_FLIGHT = arg('in-flight', 1);
const TOTAL = 256 * 1024 * 1024;
const BLOB = process.argv.includes('--blob');
/** Bytes of a value a seeder reads for one piece. */
const PART = 64 * 1024;
const PER_TX = Math.max(1, Math.floor(TX_BYTES / VALUE));
const TXS = Math.ceil(TOTAL / VALUE / PER_TX);
/** Linux clock ticks (USER_HZ) are 1/100 s. */
const TICK_S = 0.01;

/** CPU seconds used so far by every Chromium process. */
async function chromiumCpuSeconds(): Promise<number> {
  let ticks = 0;
  for (const pid of (await readdir('/proc')).filter((p) => /^\d+$/.test(p))) {
    const cmd = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
    // /usr/bin/chromium is a wrapper; the processes run /usr/lib/chromium/chromium.
    if (!cmd.split('\0')[0]?.endsWith('/chromium')) continue;
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks += Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
  }
  return ticks * TICK_S;
}

interface RunFigures {
  ms: number;
  cpuS: number;
  /** One whole value read, p50 and p90 of 100. */
  wholeMs: [number, number];
  /** 1000 random PART-byte parts of values. */
  partsMs: number;
  partsCpuS: number;
}

async function oneRun(origin: string): Promise<RunFigures> {
  const profile = await mkdtemp(path.join(os.tmpdir(), 'btstream-idb-cost-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(origin);
    // Random bytes, made before timing: video does not compress, and neither do these.
    await page.evaluate(async ({ piece, count }) => {
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const open = indexedDB.open('cost', 1);
        open.onupgradeneeded = () => open.result.createObjectStore('pieces');
        open.onsuccess = () => resolve(open.result);
        open.onerror = () => reject(new Error(String(open.error)));
      });
      const pieces = Array.from({ length: count }, () => {
        const bytes = new Uint8Array(piece);
        for (let at = 0; at < piece; at += 65536) crypto.getRandomValues(bytes.subarray(at, at + 65536));
        return bytes;
      });
      Object.assign(globalThis, { costDb: db, costPieces: pieces });
    }, { piece: VALUE, count: Math.max(4, Math.ceil((64 * 1024 * 1024) / VALUE)) });
    await page.waitForTimeout(1000);
    const cpuBefore = await chromiumCpuSeconds();
    const ms = await page.evaluate(async ({ perTx, txs, inFlight, blob }) => {
      const { costDb: db, costPieces: pieces } = globalThis as unknown as { costDb: IDBDatabase; costPieces: Uint8Array[] };
      const started = performance.now();
      let next = 0;
      // Anonymous functions only: tsx wraps named ones in a helper the page lacks.
      await Promise.all(
        Array.from({ length: inFlight }, async () => {
          while (next < txs) {
            const t = next++;
            const tx = db.transaction('pieces', 'readwrite', { durability: 'relaxed' });
            const store = tx.objectStore('pieces');
            for (let i = 0; i < perTx; i++) {
              // Each put its own ArrayBuffer, as the chunk store hands IndexedDB, or a Blob of it.
              const bytes = pieces[(t * perTx + i) % pieces.length]!.slice().buffer;
              store.put(blob ? new Blob([bytes]) : bytes, t * perTx + i);
            }
            await new Promise((resolve, reject) => {
              tx.oncomplete = resolve;
              tx.onerror = () => reject(new Error(String(tx.error)));
            });
          }
        }),
      );
      return performance.now() - started;
    }, { perTx: PER_TX, txs: TXS, inFlight: IN_FLIGHT, blob: BLOB });
    const cpuWritten = await chromiumCpuSeconds();
    const reads = await page.evaluate(async ({ values, size, part }) => {
      const { costDb: db } = globalThis as unknown as { costDb: IDBDatabase };
      const whole: number[] = [];
      let partsFrom = 0;
      // Inline, not a helper: tsx wraps named functions in one the page lacks.
      for (let i = 0; i < 1100; i++) {
        if (i === 100) partsFrom = performance.now();
        const t = performance.now();
        const value = await new Promise<ArrayBuffer | Blob>((resolve, reject) => {
          const r = db.transaction('pieces', 'readonly').objectStore('pieces').get(Math.floor(Math.random() * values));
          r.onsuccess = () => resolve(r.result as ArrayBuffer | Blob);
          r.onerror = () => reject(new Error(String(r.error)));
        });
        if (i < 100) {
          if ((value instanceof Blob ? await value.arrayBuffer() : value).byteLength !== size) throw new Error('short value');
          whole.push(performance.now() - t);
          continue;
        }
        const at = Math.floor(Math.random() * Math.max(1, size / part)) * part;
        const bytes = value instanceof Blob ? await value.slice(at, at + part).arrayBuffer() : value.slice(at, at + part);
        if (bytes.byteLength === 0) throw new Error('empty part');
      }
      whole.sort((a, b) => a - b);
      const started = partsFrom;
      return { wholeMs: [whole[50]!, whole[90]!] as [number, number], partsMs: performance.now() - started };
    }, { values: PER_TX * TXS, size: VALUE, part: PART });
    return { ms, cpuS: cpuWritten - cpuBefore, ...reads, partsCpuS: (await chromiumCpuSeconds()) - cpuWritten };
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const server = http.createServer((_req, res) => res.end('<!doctype html><title>IndexedDB cost</title>'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const bytes = VALUE * PER_TX * TXS;
  console.log(`${VALUE / 1024} KiB values${BLOB ? ' as Blobs' : ''}, ${PER_TX} per transaction, ${IN_FLIGHT} transaction(s) at once`);
  try {
    for (let run = 1; run <= RUNS; run++) {
      const r = await oneRun(`http://127.0.0.1:${port}/`);
      console.log(
        `run ${run}: ${bytes / 2 ** 20} MiB in ${r.ms.toFixed(0)} ms = ${(bytes / r.ms / 1000).toFixed(0)} MB/s; Chromium CPU ${r.cpuS.toFixed(2)} s; ` +
          `a whole value p50 ${r.wholeMs[0].toFixed(1)} ms, p90 ${r.wholeMs[1].toFixed(1)} ms; ` +
          `1000 random ${PART / 1024} KiB parts ${r.partsMs.toFixed(0)} ms, Chromium CPU ${r.partsCpuS.toFixed(2)} s`,
      );
    }
  } finally {
    server.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});

/**
 * The fetcher against real webtorrent (Node, the same lib/torrent.js as the
 * browser bundle) and a real HTTP server answering piece ranges over the
 * torrent's bytes, as the bridge's /webseed/<infoHash> does.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import WebTorrent from 'webtorrent';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startRangeServer, type RangeServer } from '../../../tests/fixtures/range-server.ts';
import type { WtTorrent } from '../webtorrent';
import { fetchFromWebSeed, stopFetchingFromWebSeed } from './webseed-fetcher';

const KiB = 1024;
const PIECE = 256 * KiB;

/** The parts of Node webtorrent this test reads beyond tests/fixtures/types. */
interface NodeTorrent {
  torrentFile: Uint8Array;
  files: { path: string; length: number }[];
  pieces: unknown[];
  pieceLength: number;
  done: boolean;
  bitfield: { get(index: number): boolean };
  received: number;
  on(event: 'verified', fn: (index: number) => void): void;
  on(event: 'warning' | 'error', fn: (err: Error | string) => void): void;
  once(event: 'done' | 'ready' | 'close', fn: () => void): void;
  select(from: number, to: number): void;
  deselect(from: number, to: number): void;
  critical(from: number, to: number): void;
  destroy(cb?: () => void): void;
}
interface NodeClient {
  seed(input: string, opts: { pieceLength: number; announce: string[] }, onseed: (t: NodeTorrent) => void): unknown;
  add(torrent: Uint8Array, opts: { path: string; announce: string[] }): NodeTorrent;
  destroy(cb?: () => void): void;
}

// No trackers, DHT, LSD or peers: the range server is the only source.
const quiet = { dht: false, lsd: false, utp: false, utPex: false, natUpnp: false, natPmp: false, webSeeds: false, tracker: false } as const;
const newClient = (): NodeClient => new WebTorrent(quiet) as unknown as NodeClient;

let work: string;
let clients: NodeClient[];
let servers: RangeServer[];
/** Files of odd sizes, so pieces straddle file boundaries (one file is empty). */
const sizes = { 'a.bin': 3 * 1024 * KiB + 123, 'b.bin': 1, 'c.bin': 0, 'd.bin': 5 * 1024 * KiB + 7 };

/** A multi-file torrent of random data: its metadata and its bytes end to end, in torrent order. */
async function makeTorrent(): Promise<{ torrentFile: Uint8Array; bytes: Uint8Array; pieceCount: number }> {
  const dir = path.join(work, 'folder');
  await mkdir(dir);
  for (const [name, size] of Object.entries(sizes)) await writeFile(path.join(dir, name), randomBytes(size));
  const seeder = newClient();
  clients.push(seeder);
  const torrent = await new Promise<NodeTorrent>((resolve) => seeder.seed(dir, { pieceLength: PIECE, announce: [] }, resolve));
  const parts = await Promise.all(torrent.files.map((f) => readFile(path.join(work, f.path))));
  return { torrentFile: torrent.torrentFile, bytes: new Uint8Array(Buffer.concat(parts)), pieceCount: torrent.pieces.length };
}

function leech(torrentFile: Uint8Array, name = 'leech'): { torrent: NodeTorrent; dir: string } {
  const client = newClient();
  clients.push(client);
  const dir = path.join(work, name);
  return { torrent: client.add(torrentFile, { path: dir, announce: [] }), dir };
}

async function downloadedBytes(torrent: NodeTorrent, dir: string): Promise<Uint8Array> {
  return new Uint8Array(Buffer.concat(await Promise.all(torrent.files.map((f) => readFile(path.join(dir, f.path))))));
}

/** Ranges of 4 pieces: several requests on these small torrents, as 32 MiB ones are on real ones. */
const start = (torrent: NodeTorrent, url: string, opts: { trusted?: boolean; rangeBytes?: number } = {}): void =>
  fetchFromWebSeed(torrent as unknown as WtTorrent, url, { rangeBytes: 4 * PIECE, ...opts });
const event = (torrent: NodeTorrent, name: 'done' | 'ready' | 'close'): Promise<void> =>
  new Promise((resolve) => torrent.once(name, resolve));

describe('fetchFromWebSeed', () => {
  beforeEach(async () => {
    work = await mkdtemp(path.join(os.tmpdir(), 'btstream-webseed-'));
    clients = [];
    servers = [];
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    await Promise.all(servers.map((s) => s.close()));
    await Promise.all(clients.map((c) => new Promise<void>((resolve) => c.destroy(() => resolve()))));
    await rm(work, { recursive: true, force: true });
  });

  it('downloads a multi-file torrent in piece-aligned ranges, several at once, and webtorrent sees every piece', async () => {
    const made = await makeTorrent();
    // Holding the answers until both bulk requests are open proves they are in flight together.
    const server = await startRangeServer(made.bytes, { holdUntilOpen: 2 });
    servers.push(server);
    const { torrent, dir } = leech(made.torrentFile);
    const verified = new Set<number>();
    torrent.on('verified', (i) => verified.add(i));
    const whole = vi.spyOn(Response.prototype, 'blob');
    start(torrent, server.url);
    await event(torrent, 'done');

    // Not a trusted source: every piece read and hashed here.
    expect(whole).not.toHaveBeenCalled();
    expect(verified.size).toBe(made.pieceCount);
    expect(torrent.received).toBe(made.bytes.byteLength);
    expect(server.maxOpen).toBeGreaterThanOrEqual(2);
    for (const range of server.ranges) expect(range.start % PIECE).toBe(0);
    // One request covers several pieces (4 here), across file boundaries.
    expect(server.ranges.length).toBe(Math.ceil(made.pieceCount / 4));
    expect(Buffer.from(await downloadedBytes(torrent, dir)).equals(Buffer.from(made.bytes))).toBe(true);
  });

  it('never stores a piece whose hash fails, and fetches it again', async () => {
    const made = await makeTorrent();
    const badPiece = 13;
    const server = await startRangeServer(made.bytes, { corruptOnceAt: badPiece * PIECE + 777 });
    servers.push(server);
    const { torrent, dir } = leech(made.torrentFile);
    start(torrent, server.url);
    await event(torrent, 'done');

    const covering = server.ranges.filter((r) => r.start <= badPiece * PIECE && r.end >= badPiece * PIECE);
    expect(covering.length).toBe(2);
    // Had the corrupt copy been stored, the file would still hold it: it was fetched once more only.
    expect(Buffer.from(await downloadedBytes(torrent, dir)).equals(Buffer.from(made.bytes))).toBe(true);
  });

  it("takes the bulk from a trusted source (the app's own bridge) in whole ranges, as Blobs, and webtorrent sees every piece", async () => {
    const made = await makeTorrent();
    const server = await startRangeServer(made.bytes);
    servers.push(server);
    const { torrent, dir } = leech(made.torrentFile);
    const verified = new Set<number>();
    torrent.on('verified', (i) => verified.add(i));
    const whole = vi.spyOn(Response.prototype, 'blob');
    start(torrent, server.url, { trusted: true });
    await event(torrent, 'done');

    expect(whole).toHaveBeenCalledTimes(server.ranges.length);
    expect(verified.size).toBe(made.pieceCount);
    expect(torrent.received).toBe(made.bytes.byteLength);
    expect(Buffer.from(await downloadedBytes(torrent, dir)).equals(Buffer.from(made.bytes))).toBe(true);
  });

  it('checks a piece of every whole range, and once one fails, checks every piece from then on', async () => {
    const made = await makeTorrent();
    const badPiece = 13;
    const server = await startRangeServer(made.bytes, { corruptOnceAt: badPiece * PIECE + 777 });
    servers.push(server);
    const { torrent, dir } = leech(made.torrentFile);
    const whole = vi.spyOn(Response.prototype, 'blob');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    // One piece per range, so the piece checked is the corrupt one.
    start(torrent, server.url, { trusted: true, rangeBytes: PIECE });
    await event(torrent, 'done');

    expect(server.ranges.filter((r) => r.start === badPiece * PIECE)).toHaveLength(2);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/piece 13 failed verification; checking every piece/));
    // Whole until the bad one (two slots: at most one more after it), piece by piece after.
    expect(whole.mock.calls.length).toBeGreaterThan(badPiece);
    expect(whole.mock.calls.length).toBeLessThan(badPiece + 3);
    expect(Buffer.from(await downloadedBytes(torrent, dir)).equals(Buffer.from(made.bytes))).toBe(true);
  });

  it('fetches only what webtorrent has selected, critical pieces first', async () => {
    const made = await makeTorrent();
    const server = await startRangeServer(made.bytes);
    servers.push(server);
    const { torrent } = leech(made.torrentFile);
    await event(torrent, 'ready');
    // As a skipped file and a stream's window leave it: only pieces 20..22 wanted, 21 critical.
    torrent.deselect(0, made.pieceCount - 1);
    torrent.select(20, 22);
    torrent.critical(21, 21);
    const verified: number[] = [];
    const three = new Promise<void>((resolve) =>
      torrent.on('verified', (i) => {
        verified.push(i);
        if (verified.length === 3) resolve();
      }),
    );
    start(torrent, server.url);
    await three;

    expect(server.ranges[0]).toEqual({ start: 21 * PIECE, end: 23 * PIECE - 1 });
    expect(verified.sort((a, b) => a - b)).toEqual([20, 21, 22]);
    const fetched = server.ranges.flatMap((r) => [r.start / PIECE, (r.end + 1) / PIECE - 1]);
    expect(Math.min(...fetched)).toBe(20);
    expect(Math.max(...fetched)).toBe(22);
    expect(torrent.done).toBe(false);
  });

  it('stops its requests when the torrent is closed (paused or removed)', async () => {
    const made = await makeTorrent();
    const server = await startRangeServer(made.bytes, { holdForever: true });
    servers.push(server);
    const { torrent } = leech(made.torrentFile);
    start(torrent, server.url);
    await event(torrent, 'ready');
    await expect.poll(() => server.ranges.length).toBe(2);
    torrent.destroy();
    await server.abortedAtLeast(2);
    expect(server.aborted).toBe(2);
  });

  it('moves to another URL when the bridge changes, and stops when told', async () => {
    const made = await makeTorrent();
    const old = await startRangeServer(made.bytes, { holdForever: true });
    const next = await startRangeServer(made.bytes);
    servers.push(old, next);
    const { torrent, dir } = leech(made.torrentFile);
    start(torrent, old.url);
    await event(torrent, 'ready');
    await expect.poll(() => old.ranges.length).toBe(2);
    start(torrent, next.url);
    await old.abortedAtLeast(2);
    await event(torrent, 'done');
    expect(Buffer.from(await downloadedBytes(torrent, dir)).equals(Buffer.from(made.bytes))).toBe(true);

    const { torrent: other } = leech(made.torrentFile, 'other');
    const stopped = await startRangeServer(made.bytes, { holdForever: true });
    servers.push(stopped);
    start(other, stopped.url);
    await expect.poll(() => stopped.ranges.length).toBe(2);
    stopFetchingFromWebSeed(other as unknown as WtTorrent);
    await stopped.abortedAtLeast(2);
    expect(other.done).toBe(false);
  });
});

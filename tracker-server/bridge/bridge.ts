import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import type { BridgeConfig } from '../config.ts';
import { WebTorrent, type WebTorrentClient, type WebTorrentTorrent } from '../vendor/webtorrent.ts';
import { BridgeError } from './bridge-error.ts';
import { dialTcpThenUtp } from './dial-transport.ts';
import { skipSeedRedials } from './seed-redials.ts';
import { nativeRc4, RC4_WARNING } from './native-rc4.ts';
import { useFastMseKeys } from './mse-keys.ts';
import { parseWithoutJoining } from './wire-reads.ts';
import { batchSmallWrites } from './wire-writes.ts';
import { idleItems, itemsOverBudget, itemToMakeRoom, type CacheItem } from './eviction.ts';
import { isInside, unsafePath } from './safe-paths.ts';
import { startsEmpty } from './starts-empty.ts';
import type { TorrentSource } from './torrent-source.ts';

/** One torrent the bridge was asked to join. */
export interface BridgeEntry {
  readonly infoHash: string;
  /** From the magnet's dn= or the .torrent, until the torrent itself knows. */
  readonly nameHint: string | null;
  readonly addedAt: number;
  /** Null once the torrent failed (see `error`) or was removed. */
  torrent: WebTorrentTorrent | null;
  error: string | null;
  lastAccess: number;
  /** Position of the last access among all accesses, for least-recently-used order. */
  accessOrder: number;
  /** Responses streaming from it right now. */
  readers: number;
  /** Resolves once the torrent has metadata and checked storage; rejects if it fails first. */
  readonly ready: Promise<WebTorrentTorrent>;
}

export interface BridgeStats {
  torrents: number;
  peers: number;
  diskBytes: number;
  downloadSpeed: number;
  uploadSpeed: number;
  downloadedBytes: number;
  uploadedBytes: number;
}

/**
 * The server's own BitTorrent client: joins swarms over TCP, uTP, PEX and DHT
 * when asked, keeps each torrent under DATA_DIR/bridge/<infoHash>/, and drops
 * torrents that are idle or push the cache over its size.
 */
export class Bridge {
  readonly #entries = new Map<string, BridgeEntry>();
  readonly #client: WebTorrentClient;
  readonly #config: BridgeConfig;
  readonly #root: string;
  readonly #log: FastifyBaseLogger;
  readonly #sweepTimer: NodeJS.Timeout;
  /** Folder deletions in progress, by info hash. */
  readonly #removing = new Map<string, Promise<void>>();
  #accesses = 0;
  #downloadedBytes = 0;
  #uploadedBytes = 0;
  /** Set when the client died (e.g. its DHT socket failed); the bridge then refuses new work. */
  #failure: string | null = null;

  private constructor(client: WebTorrentClient, config: BridgeConfig, root: string, log: FastifyBaseLogger) {
    this.#client = client;
    this.#config = config;
    this.#root = root;
    this.#log = log;
    client.on('error', (err) => {
      this.#failure = messageOf(err);
      log.error({ err: this.#failure }, 'bridge client failed');
    });
    client.on('warning', (err) => log.debug({ err: messageOf(err) }, 'bridge warning'));
    client.on('download', (bytes) => (this.#downloadedBytes += bytes));
    client.on('upload', (bytes) => (this.#uploadedBytes += bytes));
    // Often enough that a short BRIDGE_IDLE_SECONDS is honoured, rarely enough to cost nothing.
    const sweepMs = Math.min(5_000, Math.max(250, (config.idleSeconds * 1000) / 4));
    this.#sweepTimer = setInterval(() => this.#sweep(), sweepMs);
    this.#sweepTimer.unref();
  }

  /** Starts the client; resolves once it listens for peers. */
  static async start(config: BridgeConfig, dataDir: string, log: FastifyBaseLogger): Promise<Bridge> {
    const root = path.join(dataDir, 'bridge');
    // Which torrents these files belonged to is not kept across restarts, so they could never be served again.
    await rm(root, { recursive: true, force: true });
    await mkdir(root, { recursive: true });
    parseWithoutJoining();
    batchSmallWrites();
    useFastMseKeys();
    if (!nativeRc4()) log.warn(RC4_WARNING);
    const client = new WebTorrent({
      dht: config.dht,
      lsd: false,
      utp: true,
      utPex: true,
      natUpnp: false,
      natPmp: false,
      webSeeds: true,
      torrentPort: config.port,
      downloadLimit: config.downloadLimit > 0 ? config.downloadLimit : -1,
      uploadLimit: config.uploadLimit > 0 ? config.uploadLimit : -1,
      // Browsers get bytes over HTTP (/stream, /webseed); Node WebRTC is far slower than that.
      tracker: { wrtc: false },
    });
    if (!client.listening) await new Promise<void>((resolve) => client.once('listening', resolve));
    return new Bridge(client, config, root, log);
  }

  /** Joins a torrent's swarm, or returns the entry that already has it. */
  async add(source: TorrentSource): Promise<{ entry: BridgeEntry; created: boolean }> {
    const existing = this.#entries.get(source.infoHash);
    // A failed entry is replaced: asking again means "try again".
    if (existing && !existing.torrent) await this.#forget(existing);
    // The same torrent's folder may still be being deleted.
    await this.#removing.get(source.infoHash);
    return this.#addNow(source);
  }

  #addNow(source: TorrentSource): { entry: BridgeEntry; created: boolean } {
    if (this.#failure !== null) {
      throw new BridgeError(503, `The server's BitTorrent client stopped (${this.#failure}). Restart the server.`);
    }
    const existing = this.#entries.get(source.infoHash);
    if (existing?.torrent) {
      this.touch(existing);
      return { entry: existing, created: false };
    }
    if (existing) void this.#forget(existing);
    this.#makeRoom();

    const dir = path.join(this.#root, source.infoHash);
    // Deselected: webtorrent would otherwise select every piece its storage check finds missing,
    // one by one, so a torrent too big for the cache could not be kept to what is read.
    const torrent = this.#client.add(source.kind === 'magnet' ? source.magnetURI : source.bytes, {
      path: dir,
      deselect: true,
    });
    dialTcpThenUtp(torrent);
    skipSeedRedials(torrent);
    startsEmpty(torrent);
    const now = Date.now();
    let settle!: { resolve: (t: WebTorrentTorrent) => void; reject: (err: Error) => void };
    const ready = new Promise<WebTorrentTorrent>((resolve, reject) => (settle = { resolve, reject }));
    // Nobody may be waiting; a failure is also recorded in `error`.
    ready.catch(() => undefined);
    const entry: BridgeEntry = {
      infoHash: source.infoHash,
      nameHint: source.name,
      addedAt: now,
      torrent,
      error: null,
      lastAccess: now,
      accessOrder: ++this.#accesses,
      readers: 0,
      ready,
    };
    this.#entries.set(source.infoHash, entry);

    const fail = (message: string): void => {
      if (entry.torrent === null) return;
      this.#log.info({ infoHash: entry.infoHash, err: message }, 'bridge torrent failed');
      entry.error = message;
      entry.torrent = null;
      settle.reject(new BridgeError(409, `The server could not use this torrent: ${message}`));
      void this.#destroy(torrent, entry.infoHash);
    };
    torrent.on('metadata', () => {
      const refusal = this.#refusal(torrent, dir);
      if (refusal) return fail(refusal);
      // The whole torrent is fetched in the background when it fits in the cache; otherwise only what is read.
      if ((torrent.length ?? 0) <= this.#config.maxBytes && torrent.pieces.length > 0) {
        torrent.select(0, torrent.pieces.length - 1);
      }
    });
    torrent.on('ready', () => settle.resolve(torrent));
    torrent.on('error', (err) => fail(messageOf(err)));
    torrent.on('warning', (err) => this.#log.debug({ infoHash: entry.infoHash, err: messageOf(err) }, 'torrent warning'));
    torrent.on('close', () => settle.reject(new BridgeError(404, 'The torrent was removed from the server.')));
    this.#log.info({ infoHash: entry.infoHash, kind: source.kind }, 'bridge joined torrent');
    return { entry, created: true };
  }

  get(infoHash: string): BridgeEntry | undefined {
    return this.#entries.get(infoHash);
  }

  list(): BridgeEntry[] {
    return [...this.#entries.values()];
  }

  /** Marks a torrent as used now, for the idle and LRU policies. */
  touch(entry: BridgeEntry): void {
    entry.lastAccess = Date.now();
    entry.accessOrder = ++this.#accesses;
  }

  /** Counts a reader until the returned function is called; read torrents are never evicted. */
  openReader(entry: BridgeEntry): () => void {
    entry.readers += 1;
    this.touch(entry);
    let open = true;
    return () => {
      if (!open) return;
      open = false;
      entry.readers -= 1;
      this.touch(entry);
    };
  }

  /** The torrent once it has metadata, waiting up to `timeoutMs` for it. */
  async whenReady(entry: BridgeEntry, timeoutMs: number): Promise<WebTorrentTorrent> {
    if (entry.torrent?.ready) return entry.torrent;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => {
        reject(
          new BridgeError(
            504,
            'The torrent has no metadata yet: no peer has sent it so far. Try again in a moment.',
          ),
        );
      }, timeoutMs);
    });
    try {
      return await Promise.race([entry.ready, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Leaves the swarm and deletes the torrent's data. False when it was not there. */
  async remove(infoHash: string): Promise<boolean> {
    const entry = this.#entries.get(infoHash);
    if (!entry) return false;
    await this.#forget(entry);
    return true;
  }

  stats(): BridgeStats {
    const torrents = [...this.#entries.values()].flatMap((e) => (e.torrent ? [e.torrent] : []));
    return {
      torrents: torrents.length,
      peers: torrents.reduce((sum, t) => sum + t.numPeers, 0),
      diskBytes: this.#cacheItems().reduce((sum, i) => sum + i.bytes, 0),
      downloadSpeed: Math.round(this.#client.downloadSpeed),
      uploadSpeed: Math.round(this.#client.uploadSpeed),
      downloadedBytes: this.#downloadedBytes,
      uploadedBytes: this.#uploadedBytes,
    };
  }

  /** Leaves every swarm; the data stays until the next start. */
  async close(): Promise<void> {
    clearInterval(this.#sweepTimer);
    this.#entries.clear();
    if (this.#failure !== null) return; // the client destroyed itself
    await new Promise<void>((resolve) => {
      this.#client.destroy((err) => {
        if (err) this.#log.warn({ err: messageOf(err) }, 'bridge client did not close cleanly');
        resolve();
      });
    });
  }

  /** Why a torrent with fresh metadata must not touch the disk, or null. */
  #refusal(torrent: WebTorrentTorrent, dir: string): string | null {
    const bad = unsafePath(torrent.info) ?? torrent.files.find((f) => !isInside(dir, path.resolve(dir, f.path)))?.path;
    if (bad === undefined || bad === null) return null;
    return `its file name "${bad}" would be written outside the torrent's folder, so it was refused.`;
  }

  #makeRoom(): void {
    if (this.#entries.size < this.#config.maxTorrents) return;
    const victim = itemToMakeRoom(this.#cacheItems());
    if (victim === null) {
      throw new BridgeError(
        503,
        `The server already streams ${this.#entries.size} torrents (BRIDGE_MAX_TORRENTS). ` +
          'Remove one with DELETE /api/torrents/<infoHash>, or try again later.',
      );
    }
    this.#log.info({ infoHash: victim }, 'bridge evicted least recently used torrent for a new one');
    const entry = this.#entries.get(victim);
    if (entry) void this.#forget(entry);
  }

  #sweep(): void {
    const items = this.#cacheItems();
    const idle = idleItems(items, Date.now(), this.#config.idleSeconds * 1000);
    const over = itemsOverBudget(
      items.filter((i) => !idle.includes(i.infoHash)),
      this.#config.maxBytes,
    );
    for (const [infoHash, reason] of [...idle.map((h) => [h, 'idle'] as const), ...over.map((h) => [h, 'cache full'] as const)]) {
      const entry = this.#entries.get(infoHash);
      if (!entry) continue;
      this.#log.info({ infoHash, reason }, 'bridge dropped torrent');
      void this.#forget(entry);
    }
  }

  #cacheItems(): CacheItem[] {
    return [...this.#entries.values()].map((e) => ({
      infoHash: e.infoHash,
      lastAccess: e.lastAccess,
      accessOrder: e.accessOrder,
      bytes: e.torrent && !e.torrent.destroyed ? e.torrent.downloaded : 0,
      readers: e.readers,
    }));
  }

  async #forget(entry: BridgeEntry): Promise<void> {
    if (this.#entries.get(entry.infoHash) === entry) this.#entries.delete(entry.infoHash);
    const torrent = entry.torrent;
    entry.torrent = null;
    await this.#destroy(torrent, entry.infoHash);
  }

  /** Destroys the torrent and deletes its folder; `add` waits for this before reusing the folder. */
  #destroy(torrent: WebTorrentTorrent | null, infoHash: string): Promise<void> {
    // Started synchronously: a torrent refused in its 'metadata' event must not go on to touch the disk.
    const destroyed =
      torrent && !torrent.destroyed
        ? new Promise<void>((resolve) => torrent.destroy({ destroyStore: true }, () => resolve()))
        : Promise.resolve();
    const previous = this.#removing.get(infoHash) ?? Promise.resolve();
    const removal = Promise.all([previous, destroyed]).then(() =>
      rm(path.join(this.#root, infoHash), { recursive: true, force: true }),
    );
    const settled = removal.catch((err: unknown) => {
      this.#log.warn({ infoHash, err: err instanceof Error ? err.message : String(err) }, 'bridge could not delete torrent data');
    });
    this.#removing.set(infoHash, settled);
    void settled.then(() => {
      if (this.#removing.get(infoHash) === settled) this.#removing.delete(infoHash);
    });
    return settled;
  }
}

function messageOf(err: Error | string): string {
  return typeof err === 'string' ? err : err.message;
}

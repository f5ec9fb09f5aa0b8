import { expose } from 'comlink';
import type { TorrentRecord } from '../shared/db';
import {
  DEFAULT_SETTINGS,
  STATUS_INTERVAL_MS,
  type AddRequest,
  type AddResult,
  type EngineApi,
  type EngineConfig,
  type EngineSettings,
  type FilePriority,
  type NumberedStatuses,
  type StatusListener,
  type TorrentDetail,
} from '../shared/engine-api';
import { effectiveConfig } from '../shared/effective-config';
import { InputError } from '../shared/input';
import { bitfieldFromIndexes } from '../shared/pieces';
import { markOnce } from '../shared/timing-marks';
import { allRecords, deleteTorrent, putRecord, storedPieces } from '../shared/records';
import type { MetadataOutcome } from '../shared/sw-contract';
import { BridgeLink } from './bridge-link';
import { detailOf } from './details';
import { headStartMainFile } from './head-start';
import { followPriorities, setFilePriority } from './file-priority';
import { IdbChunkStore } from './idb-chunk-store';
import { usePiecePicker } from './piece-picker';
import { StorageQuota } from './quota';
import { foldTotals, saveTotals, TOTALS_SAVE_MS } from './lifetime-totals';
import { connectRtcHost } from './rtc/link';
import { applyLimits, capConnections } from './settings';
import { metaOf, statusOf } from './status';
import { checkStoreByIndex, trustStoredPieces } from './stored-index-check';
import { throttledProgress } from './hashing-progress';
import { StatusPublisher } from './status-publisher';
import { reannounceWhenPeerless } from './peerless';
import { StreamRequests } from './stream-requests';
import { seedName } from './seed-name';
import { serviceWorkerApi } from './sw-api';
import { markTorrentMilestones } from './torrent-milestones';
import { resolveSource } from './torrent-source';
import { WebTorrent, type WtClient, type WtTorrent } from './webtorrent';

interface Entry {
  record: TorrentRecord;
  torrent: WtTorrent | undefined;
  error: string | null;
  /** Resolves once the metadata is in IndexedDB. */
  metadata: Promise<void>;
}

const message = (err: Error | string): string => (typeof err === 'string' ? err : err.message);

/** The torrent engine: webtorrent over IndexedDB, driven by the page and the service worker. */
export class Engine implements EngineApi {
  #client: WtClient | null = null;
  /** The server's config; #config is it with the user's settings laid over (effective-config.ts). */
  #serverConfig: EngineConfig = { announce: [], iceServers: [], bridge: null };
  #config: EngineConfig = { announce: [], iceServers: [], bridge: null };
  readonly #quota = new StorageQuota();
  readonly #bridge = new BridgeLink({
    torrentOf: (infoHash) => this.#entries.get(infoHash)?.torrent,
    launch: (record, torrentId) => this.#launch(record, torrentId),
    stop: (infoHash) => this.#client?.remove(infoHash, { destroyStore: false }).catch(() => {}) ?? Promise.resolve(),
  });
  readonly #entries = new Map<string, Entry>();
  readonly #publisher = new StatusPublisher(() =>
    [...this.#entries.values()]
      .map((entry) => statusOf(entry.record, entry.torrent, entry.error))
      .sort((a, b) => b.addedAt - a.addedAt),
  );
  readonly #streams = new StreamRequests((infoHash) => this.#entries.get(infoHash)?.torrent);
  #markStarted: () => void = () => {};
  #startFailed: (err: unknown) => void = () => {};
  /** Settles once start() has the stored torrents back; rejects if it failed. */
  readonly #started = new Promise<void>((resolve, reject) => {
    this.#markStarted = resolve;
    this.#startFailed = reject;
  });

  constructor() {
    // Awaited by each call, and by none if start() is never called.
    this.#started.catch(() => {});
  }

  async start(config: EngineConfig, rtcPort: MessagePort): Promise<void> {
    markOnce('engine:start-called');
    if (this.#client) throw new Error('The engine is already running.');
    this.#serverConfig = config;
    try {
      connectRtcHost(rtcPort);
      this.#client = new WebTorrent({ tracker: { rtcConfig: { iceServers: config.iceServers } } });
      this.#client.on('error', (err) => console.error('[engine]', message(err)));
      this.#applySettings(config.settings ?? DEFAULT_SETTINGS);
      for (const record of await allRecords()) await this.#resume(record);
    } catch (err) {
      this.#startFailed(err);
      throw err;
    }
    this.#markStarted();
    markOnce('engine:started');
    void this.#enforceQuota();
    setInterval(() => this.#publisher.push(), STATUS_INTERVAL_MS);
    setInterval(() => void saveTotals(this.#entries.values()).catch(() => {}), TOTALS_SAVE_MS);
  }

  /**
   * What every call from the page waits for first. The page sends its calls
   * right behind start() rather than after its answer (a round trip per
   * call saved at start-up), and start() set the client before its first await.
   */
  #whenStarted(): Promise<void> {
    if (!this.#client) return Promise.reject(new Error('The engine has not started.'));
    return this.#started;
  }

  async add(request: AddRequest): Promise<AddResult> {
    await this.#whenStarted();
    markOnce('engine:add');
    const source = await resolveSource(request);
    const known = this.#entries.get(source.infoHash);
    if (known?.torrent && !known.torrent.destroyed) return { infoHash: source.infoHash, existing: true };
    const record: TorrentRecord = known?.record ?? {
      infoHash: source.infoHash,
      magnetURI: source.magnetURI,
      displayName: source.displayName,
      addedAt: Date.now(),
      meta: null,
    };
    // Adding again what the user paused means they want it back.
    record.paused = false;
    // Saved while the torrent starts, not before: its first tracker announce goes out 10-40 ms sooner.
    const saved = putRecord(record);
    saved.catch(() => {});
    if (record.meta) this.#launch(record, new Uint8Array(record.meta.torrentFile));
    else await this.#bridge.launchNew(record, source.torrentId);
    this.#bridge.join(record);
    try {
      await saved;
    } catch (err) {
      // Not kept, so not running either: nothing would bring it back after a reload.
      const entry = this.#entries.get(source.infoHash);
      if (entry && !known) {
        this.#entries.delete(source.infoHash);
        this.#bridge.forget(source.infoHash);
        await this.#stop(entry);
      }
      throw err;
    }
    this.#publisher.push();
    return { infoHash: source.infoHash, existing: known !== undefined };
  }

  async seed(files: File[], name?: string, onHashing?: (fraction: number) => void): Promise<AddResult> {
    await this.#whenStarted();
    const client = this.#requireClient();
    if (files.length === 0) return Promise.reject(new InputError('Choose at least one file to share.'));
    if (this.#quota.reached) return Promise.reject(new InputError(this.#quota.message));
    const torrentName = name ?? seedName(files);
    return new Promise((resolve, reject) => {
      const opts = {
        announce: this.#config.announce,
        store: IdbChunkStore,
        ...(torrentName ? { name: torrentName } : {}),
        ...(onHashing ? { onProgress: throttledProgress(onHashing) } : {}),
      };
      const torrent = client.seed(files, opts, (seeded) => {
        // webtorrent hands back the torrent already running when the files are the same.
        const existing = seeded !== torrent;
        resolve({ infoHash: seeded.infoHash, existing });
      });
      torrent.once('error', (err) => reject(new Error(`Could not share those files: ${message(err)}`)));
      torrent.once('metadata', () => {
        const record: TorrentRecord = {
          infoHash: torrent.infoHash,
          magnetURI: torrent.magnetURI,
          displayName: torrent.name ?? null,
          addedAt: Date.now(),
          meta: metaOf(torrent),
        };
        this.#track(record, torrent, putRecord(record));
        this.#publisher.push();
        this.#bridge.publish(record, torrent.torrentFile);
      });
    });
  }

  async pause(infoHash: string): Promise<void> {
    await this.#whenStarted();
    const entry = this.#known(infoHash);
    entry.record.paused = true;
    foldTotals(entry.record, entry.torrent);
    await putRecord(entry.record);
    await this.#stop(entry);
    this.#publisher.push();
  }

  async resume(infoHash: string): Promise<void> {
    await this.#whenStarted();
    const entry = this.#known(infoHash);
    entry.record.paused = false;
    await putRecord(entry.record);
    if (!entry.torrent || entry.torrent.destroyed) await this.#resume(entry.record);
    this.#publisher.push();
  }

  async remove(infoHash: string): Promise<void> {
    await this.#whenStarted();
    const entry = this.#entries.get(infoHash);
    this.#entries.delete(infoHash);
    this.#bridge.forget(infoHash);
    this.#streams.dropTorrent(infoHash);
    if (entry?.torrent && !entry.torrent.destroyed) {
      await new Promise<void>((resolve) => {
        this.#client?.remove(infoHash, { destroyStore: true }, () => resolve()).catch(() => resolve());
      });
    }
    await deleteTorrent(infoHash);
    this.#quota.forget(infoHash);
    // The space freed may let torrents stopped at the storage limit go on.
    await this.#enforceQuota();
  }

  async configure(settings: EngineSettings): Promise<void> {
    await this.#whenStarted();
    if (this.#applySettings(settings)) this.#bridge.switched(this.#entries.values());
    await this.#enforceQuota();
  }

  /** Lays the user's settings over the server's config; true when the bridge changed. */
  #applySettings(settings: EngineSettings): boolean {
    const config = { ...this.#serverConfig, settings };
    const effective = effectiveConfig(config);
    this.#config = { ...config, announce: effective.announce, bridge: effective.bridge };
    const bridgeChanged = this.#bridge.configure(effective.bridge, effective.bridgeTrackers);
    applyLimits(this.#requireClient(), settings);
    this.#quota.limit = settings.storageQuota;
    return bridgeChanged;
  }

  /**
   * At the storage limit, stops every unfinished torrent with a plain-words
   * error, keeping all it stored; once under it again, restarts them.
   */
  async #enforceQuota(): Promise<void> {
    await this.#quota.countOnce([...this.#entries.values()].map((entry) => entry.record));
    if (!this.#quota.reached) {
      for (const infoHash of this.#quota.release()) {
        const entry = this.#entries.get(infoHash);
        if (entry && !entry.torrent && !entry.record.paused) await this.#resume(entry.record);
      }
      return this.#publisher.push();
    }
    for (const entry of this.#entries.values()) {
      if (!entry.torrent || entry.torrent.destroyed || entry.torrent.done) continue;
      this.#quota.hold(entry.record.infoHash);
      await this.#stop(entry);
      entry.error = this.#quota.message;
    }
    this.#publisher.push();
  }

  async detail(infoHash: string): Promise<TorrentDetail | null> {
    await this.#whenStarted();
    const entry = this.#entries.get(infoHash);
    return entry ? detailOf(entry.record, entry.torrent) : null;
  }

  async setFilePriority(infoHash: string, fileIndex: number, priority: FilePriority): Promise<void> {
    await this.#whenStarted();
    const entry = this.#known(infoHash);
    await setFilePriority(entry.record, entry.torrent, fileIndex, priority);
    this.#publisher.push();
  }

  async list(): Promise<NumberedStatuses> {
    await this.#whenStarted();
    return this.#publisher.read();
  }

  async subscribe(listener: StatusListener): Promise<void> {
    await this.#whenStarted();
    this.#publisher.add(listener);
  }

  connectServiceWorker(port: MessagePort): void {
    expose(serviceWorkerApi(this.#started, (infoHash) => this.#ensureMetadata(infoHash), this.#streams), port);
  }

  async #ensureMetadata(infoHash: string): Promise<MetadataOutcome> {
    // The torrent may be relaunched from the bridge's .torrent meanwhile: follow it.
    for (;;) {
      const entry = this.#entries.get(infoHash);
      if (!entry) return 'unknown';
      await entry.metadata;
      if (entry.record.meta) return 'ready';
      if (this.#entries.get(infoHash) === entry) return 'unknown';
    }
  }

  #known(infoHash: string): Entry {
    const entry = this.#entries.get(infoHash);
    if (!entry) throw new Error('That torrent is not in the app any more.');
    return entry;
  }

  /** Takes a torrent out of webtorrent, keeping its pieces and record. */
  async #stop(entry: Entry): Promise<void> {
    const { torrent } = entry;
    entry.torrent = undefined;
    entry.error = null;
    this.#streams.dropTorrent(entry.record.infoHash);
    if (torrent && !torrent.destroyed) {
      await this.#client?.remove(entry.record.infoHash, { destroyStore: false }).catch(() => {});
    }
  }

  async #resume(record: TorrentRecord): Promise<void> {
    if (record.paused) {
      this.#entries.set(record.infoHash, { record, torrent: undefined, error: null, metadata: Promise.resolve() });
      return;
    }
    if (!record.meta) {
      this.#launch(record, record.magnetURI);
      return this.#bridge.join(record);
    }
    const verified = await storedPieces(record.infoHash);
    this.#launch(record, new Uint8Array(record.meta.torrentFile), bitfieldFromIndexes(verified, record.meta.pieceCount));
    if (verified.length < record.meta.pieceCount) this.#bridge.join(record);
  }

  #requireClient(): WtClient {
    if (!this.#client) throw new Error('The engine has not started.');
    return this.#client;
  }

  #launch(record: TorrentRecord, torrentId: string | Uint8Array, bitfield?: Uint8Array): void {
    const source = typeof torrentId === 'string' ? this.#bridge.publishedSource(record) : null;
    const id = typeof torrentId === 'string' && source ? `${torrentId}&xs=${encodeURIComponent(source)}` : torrentId;
    const torrent = this.#requireClient().add(id, {
      announce: this.#config.announce,
      store: IdbChunkStore,
      ...(bitfield ? { bitfield } : {}),
    });
    if (bitfield) trustStoredPieces(torrent);
    else checkStoreByIndex(torrent);
    // Relaunched (resumed, or from the bridge's .torrent) after the bridge came in: it keeps feeding it.
    this.#bridge.feed(record.infoHash, torrent);
    const metadata = record.meta
      ? Promise.resolve()
      : new Promise<void>((resolve) => {
          torrent.once('metadata', () => {
            record.meta = metaOf(torrent);
            resolve(putRecord(record));
            // From a peer (none is connected yet when the server's came): the link's next visitor gets it from the server.
            if (typeof torrentId === 'string' && torrent.numPeers > 0) this.#bridge.publish(record, torrent.torrentFile);
            // The page lists the files now rather than on the next status tick.
            this.#publisher.push();
          });
          // Removed before the metadata came (e.g. relaunched from the bridge's .torrent).
          torrent.once('close', () => resolve());
        });
    this.#track(record, torrent, metadata);
  }

  /** Keeps a running torrent in the engine. `saved` settles once its metadata is in IndexedDB. */
  #track(record: TorrentRecord, torrent: WtTorrent, saved: Promise<void>): void {
    const { infoHash } = record;
    const metadata = saved.catch((err: unknown) => this.#fail(infoHash, err instanceof Error ? err : String(err)));
    this.#entries.set(infoHash, { record, torrent, error: null, metadata });
    markTorrentMilestones(torrent);
    followPriorities(record, torrent);
    headStartMainFile(record, torrent);
    usePiecePicker(torrent);
    torrent.on('verified', (index) => this.#streams.onVerified(infoHash, index));
    // A finished download shows at once, not at the next status tick.
    torrent.on('done', () => this.#publisher.push());
    torrent.on('verified', (index) => {
      if (this.#quota.addPiece(record, index)) void this.#enforceQuota();
    });
    capConnections(torrent, () => this.#config.settings?.maxConnections ?? DEFAULT_SETTINGS.maxConnections);
    reannounceWhenPeerless(torrent);
    torrent.on('error', (err) => this.#fail(infoHash, err));
    torrent.on('warning', (err) => console.warn('[engine]', infoHash.slice(0, 8), message(err)));
  }

  #fail(infoHash: string, err: Error | string): void {
    const entry = this.#entries.get(infoHash);
    if (!entry) return;
    entry.error = message(err);
    this.#streams.dropTorrent(infoHash);
    console.error('[engine]', infoHash.slice(0, 8), entry.error);
    this.#publisher.push();
  }
}

import type { TorrentRecord } from '../shared/db';
import { withTrackers } from '../shared/effective-config';
import { orAfter } from '../shared/or-after';
import { BridgeClient } from './bridge-client';
import { likelyTcpSwarm } from '../shared/tcp-swarm';
import { BRIDGE_FIRST_MS, BRIDGE_GRACE_MS, webRtcFailed } from './bridge-policy';
import type { WtTorrent } from './webtorrent';
import { fetchFromWebSeed, stopFetchingFromWebSeed } from './webseed/webseed-fetcher';

/** What the bridge link needs of the engine. */
export interface BridgeHost {
  /** The running torrent of an info hash, if any. */
  torrentOf(infoHash: string): WtTorrent | undefined;
  /** Starts a torrent from a magnet or a .torrent's bytes. */
  launch(record: TorrentRecord, torrentId: string | Uint8Array): void;
  /** Stops a torrent, keeping what it stored, so it can be launched again. */
  stop(infoHash: string): Promise<void>;
}

/**
 * The engine's use of a bridge to TCP/uTP swarms (bridge-client.ts): when to
 * bring it in (bridge-policy.ts), its web seed on each torrent it was
 * brought in for, and the metadata it can give before WebRTC peers do.
 */
export class BridgeLink {
  #client: BridgeClient | null = null;
  #url: string | null = null;
  /** The user's http(s) trackers, handed to the bridge on join. */
  #trackers: string[] = [];
  /** Torrents the bridge has been brought in for. */
  readonly #bridged = new Set<string>();
  readonly #host: BridgeHost;

  constructor(host: BridgeHost) {
    this.#host = host;
  }

  /** Points at the bridge at `url` (or none); true when that changed. */
  configure(url: string | null, trackers: string[]): boolean {
    this.#trackers = trackers;
    if (url === this.#url) return false;
    this.#url = url;
    this.#client = url ? new BridgeClient(url) : null;
    return true;
  }

  /** Stops fetching from the old bridge and lets the new one (if any) in by the usual policy. */
  switched(running: Iterable<{ record: TorrentRecord; torrent: WtTorrent | undefined }>): void {
    for (const infoHash of this.#bridged) {
      const torrent = this.#host.torrentOf(infoHash);
      if (torrent) stopFetchingFromWebSeed(torrent);
    }
    this.#bridged.clear();
    for (const { record, torrent } of running) {
      if (torrent && !torrent.destroyed && !torrent.done) this.join(record);
    }
  }

  /** A torrent (re)launched after the bridge came in for it keeps fetching from its web seed. */
  feed(infoHash: string, torrent: WtTorrent): void {
    if (this.#client && this.#bridged.has(infoHash)) webSeedFrom(this.#client, torrent, infoHash);
  }

  forget(infoHash: string): void {
    this.#bridged.delete(infoHash);
  }

  /** Brings in the bridge now or, if WebRTC peers may do, after a grace period. */
  join(record: TorrentRecord): void {
    if (!this.#client) return;
    if (likelyTcpSwarm(record.magnetURI)) return this.#engage(record);
    setTimeout(() => {
      const torrent = this.#host.torrentOf(record.infoHash);
      if (torrent && !torrent.destroyed && webRtcFailed(torrent)) this.#engage(record);
    }, BRIDGE_GRACE_MS);
  }

  /**
   * Starts a torrent added without metadata. For a magnet whose swarm is
   * likely TCP, the bridge joins first; if it already holds the torrent, the
   * torrent starts from the bridge's .torrent, which saves relaunching it
   * (and a second round of WebRTC offers) once the metadata comes. Else it
   * costs one round trip, and the torrent starts from the magnet as usual.
   */
  async launchNew(record: TorrentRecord, torrentId: string | Uint8Array): Promise<void> {
    const bridge = this.#client;
    const first = bridge && typeof torrentId === 'string' && likelyTcpSwarm(record.magnetURI) && !this.#bridged.has(record.infoHash);
    if (!first) return this.#host.launch(record, torrentId);
    const asked = this.#start(bridge, record).then(() => bridge.torrentFile(record.infoHash).catch(() => null));
    // A slow or unreachable bridge must not hold the torrent back.
    const bytes = await orAfter(asked, BRIDGE_FIRST_MS, null);
    // The web seed is added on launch (feed), as for any bridged torrent.
    this.#host.launch(record, bytes ?? torrentId);
    if (!bytes) void this.#metadataFrom(bridge, record);
  }

  /**
   * Where a magnet of a swarm the bridge does not join may find metadata a
   * browser published (its `xs`, exact source, which webtorrent fetches
   * while its peers connect): one round trip, where a WebRTC peer sends it
   * only once connected. Null with no bridge, or for a swarm it joins.
   */
  publishedSource(record: TorrentRecord): string | null {
    if (!this.#client || likelyTcpSwarm(record.magnetURI)) return null;
    return this.#client.torrentFileUrl(record.infoHash);
  }

  /**
   * Publishes the metadata of a torrent whose swarm the bridge does not join
   * (a torrent made here, or a WebRTC-only one), for publishedSource elsewhere. A
   * user who turned the bridge off sends nothing.
   */
  publish(record: TorrentRecord, torrentFile: Uint8Array): void {
    if (!this.#client || likelyTcpSwarm(record.magnetURI)) return;
    this.#client.publish(record.infoHash, torrentFile).catch((err: unknown) => {
      console.warn('[engine] publishing metadata:', err instanceof Error ? err.message : String(err));
    });
  }

  /** Has the bridge join, fetches from its web seed, and takes the metadata from it if no WebRTC peer sends it first. */
  #engage(record: TorrentRecord): void {
    const bridge = this.#client;
    if (!bridge || this.#bridged.has(record.infoHash)) return;
    const joined = this.#start(bridge, record);
    const torrent = this.#host.torrentOf(record.infoHash);
    if (torrent) webSeedFrom(bridge, torrent, record.infoHash);
    // After the join, so the first long poll finds the torrent on the bridge.
    if (!record.meta) void joined.then(() => this.#metadataFrom(bridge, record));
  }

  /** Marks the torrent as bridged and has the bridge join; settles, never rejects, once the bridge answered. */
  #start(bridge: BridgeClient, record: TorrentRecord): Promise<void> {
    this.#bridged.add(record.infoHash);
    return bridge.join(withTrackers(record.magnetURI, this.#trackers)).catch((err: unknown) => {
      console.warn('[engine] bridge:', err instanceof Error ? err.message : String(err));
    });
  }

  async #metadataFrom(bridge: BridgeClient, record: TorrentRecord): Promise<void> {
    const { infoHash } = record;
    // Stop once WebRTC peers gave the metadata, the torrent went, or the user changed the bridge in Settings.
    // The torrent is looked up afresh: a paused and resumed torrent is a new one and still wants the metadata.
    const wanted = (): boolean => {
      const torrent = this.#host.torrentOf(infoHash);
      return this.#client === bridge && !!torrent && !torrent.destroyed && !torrent.metadata;
    };
    const bytes = await bridge.waitForTorrentFile(infoHash, wanted);
    if (!bytes || !wanted()) return;
    // Nothing is stored before the metadata, so starting over from the .torrent loses nothing.
    await this.#host.stop(infoHash);
    this.#host.launch(record, bytes);
  }
}

function webSeedFrom(bridge: BridgeClient, torrent: WtTorrent, infoHash: string): void {
  fetchFromWebSeed(torrent, bridge.webSeedUrl(infoHash), { trusted: bridge.servesThisApp });
}

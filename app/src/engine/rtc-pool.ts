import { POOL_MAX_AGE_MS, sameRtcConfig, withoutTrickleOption, type PcSnapshot, type PoolEvent, type RtcConfig } from '../../shared/rtc-protocol';
import { untilGathered } from './ice-gathering';

/** One tracker announce's worth: webtorrent's tracker client sends up to 5 offers at a time. */
export const POOL_SIZE = 5;

interface Prepared {
  pool: number;
  pc: RTCPeerConnection;
  expiry?: ReturnType<typeof setTimeout>;
}

/** 20 random bytes in hex, as simple-peer names its channels; the remote side sees the label. */
function channelLabel(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(20)), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Offering connections prepared before the engine asks. A new torrent's first
 * tracker announce waits until all of its offers have gathered candidates,
 * and each offer took four round trips through this page's main thread, which
 * at that moment is also rendering the torrent's page: traced on 2 cores, 390
 * ms from the engine's first connection to its first gathered offer. A
 * prepared one is ready in the worker at once (PoolEvent). The pool fills when
 * asked (a link being added), refills after use, and lets unused ones expire.
 */
export class OfferPool {
  readonly #post: (msg: PoolEvent, transfer?: Transferable[]) => void;
  readonly #snapshot: (pc: RTCPeerConnection) => PcSnapshot;
  #config: RtcConfig | null = null;
  #nextId = 1;
  readonly #ready = new Map<number, Prepared>();
  #preparing = 0;
  #closed = false;
  /** Bumped by clear(): connections still being prepared from before are dropped when done. */
  #generation = 0;

  constructor(post: (msg: PoolEvent, transfer?: Transferable[]) => void, snapshot: (pc: RTCPeerConnection) => PcSnapshot) {
    this.#post = post;
    this.#snapshot = snapshot;
  }

  /** Prepares offers for connections made with `config`, up to POOL_SIZE; none while offline. */
  fill(config: RtcConfig): void {
    if (this.#closed || !navigator.onLine) return;
    if (this.#config && !sameRtcConfig(this.#config, config)) this.clear();
    this.#config = config;
    while (this.#ready.size + this.#preparing < POOL_SIZE) {
      this.#preparing++;
      void this.#prepare(config)
        .catch(() => undefined)
        .finally(() => this.#preparing--);
    }
  }

  /** The prepared connection `pool` for the worker that took it, or null if it is gone; refills. */
  claim(pool: number): RTCPeerConnection | null {
    const entry = this.#ready.get(pool);
    if (!entry) return null;
    clearTimeout(entry.expiry);
    this.#ready.delete(pool);
    const config = this.#config;
    if (config) setTimeout(() => this.fill(config), 0);
    return entry.pc;
  }

  /** Closes every unclaimed connection (the network changed, or the page is done). */
  clear(): void {
    this.#generation++;
    for (const entry of [...this.#ready.values()]) this.#expire(entry);
  }

  close(): void {
    this.#closed = true;
    this.clear();
  }

  async #prepare(config: RtcConfig): Promise<void> {
    const generation = this.#generation;
    const entry: Prepared = { pool: this.#nextId++, pc: new RTCPeerConnection(config) };
    const { pool, pc } = entry;
    // Transferred in the task that made it: a channel can only be transferred on creation.
    const dc = pc.createDataChannel(channelLabel());
    this.#post({ type: 'pool-channel', pool, dc }, [dc]);
    try {
      const offer = await pc.createOffer();
      const sdp = withoutTrickleOption(offer.sdp ?? '');
      const gathered = untilGathered(pc, !config.iceServers?.length);
      await pc.setLocalDescription({ type: 'offer', sdp });
      await gathered;
      pc.onicecandidate = null;
      if (this.#closed || generation !== this.#generation) throw new Error('pool cleared meanwhile');
      entry.expiry = setTimeout(() => this.#expire(entry), POOL_MAX_AGE_MS);
      this.#ready.set(pool, entry);
      const snapshot = { ...this.#snapshot(pc), iceGatheringState: 'complete' };
      this.#post({ type: 'pool-ready', pool, config, sdp, snapshot });
    } catch (err) {
      this.#expire(entry);
      throw err;
    }
  }

  #expire(entry: Prepared): void {
    clearTimeout(entry.expiry);
    this.#ready.delete(entry.pool);
    entry.pc.close();
    this.#post({ type: 'pool-closed', pool: entry.pool });
  }
}

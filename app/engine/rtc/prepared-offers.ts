import {
  POOL_CLAIM_MARGIN_MS,
  POOL_MAX_AGE_MS,
  sameRtcConfig,
  type PcSnapshot,
  type PoolEvent,
  type RtcConfig,
} from '../../shared/rtc-protocol';

/** A prepared connection's offer as set on the page, candidates in its snapshot's local description. */
export interface ReadyOffer {
  sdp: string;
  snapshot: PcSnapshot;
}

/** A connection the host prepared (PoolEvent), taken: its channel now, its offer once gathered. */
export interface PreparedOffer {
  pool: number;
  dc: RTCDataChannel;
  /** Rejects if the page gave it up, or made it for another config: then make one as usual. */
  offer: Promise<ReadyOffer>;
}

interface Entry {
  dc: RTCDataChannel;
  ready: (ReadyOffer & { config: RtcConfig; at: number }) | null;
  /** Set once taken before its offer was ready. */
  waiting: { config: RtcConfig; resolve: (offer: ReadyOffer) => void; reject: (err: Error) => void } | null;
}

/**
 * The worker's side of the host's offer pool. Channels arrive as their
 * connections are made (before the engine starts, so the first announce
 * always finds them), offers once gathered; a connection takes one entry for
 * good, waiting for its offer if need be. Entries close to their expiry on
 * the page are left alone.
 */
export class PreparedOffers {
  readonly #entries = new Map<number, Entry>();

  receive(event: PoolEvent, now: number): void {
    if (event.type === 'pool-channel') {
      this.#entries.set(event.pool, { dc: event.dc, ready: null, waiting: null });
      return;
    }
    const entry = this.#entries.get(event.pool);
    if (!entry) return;
    if (event.type === 'pool-closed') {
      this.#entries.delete(event.pool);
      entry.dc.close();
      entry.waiting?.reject(new Error('the page gave up this prepared connection'));
      return;
    }
    const ready = { sdp: event.sdp, snapshot: event.snapshot, config: event.config, at: now };
    if (!entry.waiting) {
      entry.ready = ready;
      return;
    }
    this.#entries.delete(event.pool);
    if (sameRtcConfig(ready.config, entry.waiting.config)) return entry.waiting.resolve({ sdp: ready.sdp, snapshot: ready.snapshot });
    entry.dc.close();
    entry.waiting.reject(new Error('prepared for another configuration'));
  }

  /** One for a connection made with `config`, taken for good: a ready one first; null if none. */
  take(config: RtcConfig, now: number): PreparedOffer | null {
    let pending: [number, Entry] | null = null;
    for (const [pool, entry] of this.#entries) {
      if (entry.waiting) continue;
      if (!entry.ready) {
        pending ??= [pool, entry];
        continue;
      }
      // The page may close it before the adopt call reaches it.
      if (!sameRtcConfig(entry.ready.config, config) || now - entry.ready.at > POOL_MAX_AGE_MS - POOL_CLAIM_MARGIN_MS) continue;
      this.#entries.delete(pool);
      return { pool, dc: entry.dc, offer: Promise.resolve({ sdp: entry.ready.sdp, snapshot: entry.ready.snapshot }) };
    }
    if (!pending) return null;
    const [pool, entry] = pending;
    const offer = new Promise<ReadyOffer>((resolve, reject) => (entry.waiting = { config, resolve, reject }));
    return { pool, dc: entry.dc, offer };
  }
}

/**
 * What a peer may owe us once its torrent is streamed, in 16 KiB blocks.
 * webtorrent asks each peer for about a second of transfer ahead
 * (PIPELINE_MAX_DURATION); a peer answers in order, so a piece a seek needs
 * comes after what is already on its way, cancelled or not
 * (request-preemption.ts). So a streamed peer is asked for one round trip
 * at its rate, plus two blocks: enough to keep it busy, and to grow into a
 * faster link, little to wait behind. Its round trip is the quickest a
 * block of it has come back.
 *
 * Seek to 80 % on loopback, where this works out at the floor, medians:
 * 64 blocks 1.36 s, 16 blocks 0.85 s (4 runs each, long ago); 8 interleaved
 * runs each since: 16 blocks 568 ms, 8 blocks 409 ms, first frame and the
 * whole file's rate while playing unchanged. A peer 100 ms away moving
 * 2 MB/s is asked for 15 blocks, where a fixed 8 would cap it at 1.3 MB/s.
 * Web seeds are not capped.
 */
export const STREAM_PIPELINE_MIN = 8;
export const STREAM_PIPELINE_MAX = 48;
const BLOCK_BYTES = 16384;

/** Blocks for a peer moving `bytesPerSecond` whose quickest block came back in `roundTripMs` (unknown: the floor). */
export function streamingBlocks(bytesPerSecond: number, roundTripMs: number | undefined): number {
  if (roundTripMs === undefined || !(bytesPerSecond > 0) || !(roundTripMs > 0)) return STREAM_PIPELINE_MIN;
  const blocks = Math.ceil((bytesPerSecond * roundTripMs) / 1000 / BLOCK_BYTES) + 2;
  return Math.min(STREAM_PIPELINE_MAX, Math.max(STREAM_PIPELINE_MIN, blocks));
}

/** The request limit for a streamed torrent: `blocks`, or the peer's own if lower. */
export function streamingReqq(peerReqq: unknown, blocks: number = STREAM_PIPELINE_MIN): number {
  return typeof peerReqq === 'number' && peerReqq > 0 ? Math.min(peerReqq, blocks) : blocks;
}

type BlockCallback = (err: Error | null, block?: unknown) => void;

/** A bittorrent-protocol wire as seen here; webtorrent honours its peer's `reqq`. */
export interface HandshakeWire {
  peerExtendedHandshake?: { reqq?: unknown };
  downloadSpeed(): number;
  request(index: number, offset: number, length: number, cb: BlockCallback): unknown;
  cancel(index: number, offset: number, length: number): unknown;
}

/** Cancelled blocks remembered per wire: a block asked for again can be answered by the cancelled request's reply. */
const CANCELS_KEPT = 256;

/**
 * Caps each streamed wire's requests (streamingBlocks), again each time a
 * stream asks for pieces, as its rate changes. A wire's requests are timed
 * from the first cap on, for its round trip.
 */
export class StreamPipelines {
  /** The peer's own reqq, before any cap replaced it. */
  readonly #peerReqq = new WeakMap<object, unknown>();
  readonly #roundTrip = new WeakMap<object, number>();

  cap(wires: readonly HandshakeWire[]): void {
    for (const wire of wires) {
      const handshake = wire.peerExtendedHandshake;
      if (!handshake) continue;
      if (!this.#peerReqq.has(handshake)) {
        this.#peerReqq.set(handshake, handshake.reqq);
        this.#time(wire);
      }
      const blocks = streamingBlocks(wire.downloadSpeed(), this.#roundTrip.get(wire));
      handshake.reqq = streamingReqq(this.#peerReqq.get(handshake), blocks);
    }
  }

  /** The quickest a block of `wire` has come back, in ms, once one has. */
  roundTrip(wire: HandshakeWire): number | undefined {
    return this.#roundTrip.get(wire);
  }

  /** Times each block `wire` is asked for, but a block asked for again after a cancel: its reply may be the first request's. */
  #time(wire: HandshakeWire): void {
    const request = wire.request.bind(wire);
    const cancel = wire.cancel.bind(wire);
    const cancelled = new Set<string>();
    wire.cancel = (index, offset, length) => {
      if (cancelled.size >= CANCELS_KEPT) cancelled.clear();
      cancelled.add(`${index}:${offset}`);
      return cancel(index, offset, length);
    };
    wire.request = (index, offset, length, cb) => {
      const sent = performance.now();
      const again = cancelled.delete(`${index}:${offset}`);
      return request(index, offset, length, (err, block) => {
        if (!err && !again) {
          const took = performance.now() - sent;
          if (took < (this.#roundTrip.get(wire) ?? Infinity)) this.#roundTrip.set(wire, took);
        }
        cb(err, block);
      });
    };
  }
}

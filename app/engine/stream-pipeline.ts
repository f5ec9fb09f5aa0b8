/**
 * Blocks (16 KiB) a peer may owe us once its torrent is streamed: 128 KiB.
 * webtorrent asks each peer for about a second of transfer ahead
 * (PIPELINE_MAX_DURATION); a peer answers in order, so a piece a seek needs
 * comes after what is already on its way, cancelled or not
 * (request-preemption.ts): at the ~2 MB/s a data channel moves here, 16
 * blocks were 128 ms of queue, 8 are 64. Seek to 80 %, medians: 64 blocks
 * 1.36 s, 16 blocks 0.85 s (4 runs each, long ago); 8 interleaved runs each
 * since: 16 blocks 568 ms, 8 blocks 409 ms, first frame unchanged (2055,
 * 2014 ms).
 * The cost: 128 KiB in flight caps one WebRTC peer at 1.3 MB/s over a
 * 100 ms round trip, while the torrent is streamed; web seeds are not capped.
 */
export const STREAM_PIPELINE_BLOCKS = 8;

/** A peer wire's record of the peer's extended handshake; webtorrent honours its `reqq`. */
export interface HandshakeWire {
  peerExtendedHandshake?: { reqq?: unknown };
}

/** The request limit for a streamed torrent: the peer's own if lower. */
export function streamingReqq(peerReqq: unknown): number {
  return typeof peerReqq === 'number' && peerReqq > 0 ? Math.min(peerReqq, STREAM_PIPELINE_BLOCKS) : STREAM_PIPELINE_BLOCKS;
}

/** Caps what each wire may have outstanding, for as long as the wire lasts. */
export function capPipelines(wires: readonly HandshakeWire[]): void {
  for (const wire of wires) {
    const handshake = wire.peerExtendedHandshake;
    if (handshake) handshake.reqq = streamingReqq(handshake.reqq);
  }
}

/**
 * Blocks (16 KiB) a peer may owe us once its torrent is streamed: 256 KiB.
 * webtorrent asks each peer for about a second of transfer ahead
 * (PIPELINE_MAX_DURATION); a peer answers in order, so a piece a seek needs
 * came after that second's worth, cancelled or not (request-preemption.ts).
 * Bench, seek to 80 % (4 runs each): 64 blocks 1.36 s median, 16 blocks
 * 0.85 s. The cost: 256 KiB in flight caps one peer at 2.5 MB/s over a
 * 100 ms round trip while the torrent is streamed.
 */
export const STREAM_PIPELINE_BLOCKS = 16;

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

/** A block request outstanding on a bittorrent-protocol wire: the callback is webtorrent's, for the block's reservation. */
export interface OutstandingBlock {
  piece: number;
  offset: number;
  length: number;
  callback: (err: Error | null, chunk: Uint8Array | null) => void;
}

/** The parts of a bittorrent-protocol (3.x) wire this uses. */
export interface DuplicatingWire {
  type: string;
  peerChoking: boolean;
  peerPieces: { get(index: number): boolean };
  requests: OutstandingBlock[];
  request(index: number, offset: number, length: number, cb: (err: Error | null, chunk?: Uint8Array | null) => void): void;
  cancel(index: number, offset: number, length: number): void;
}

/** The bytes from a new window's start asked of every peer that has them. */
export const DUPLICATE_BYTES = 64 * 1024;

const sameBlock = (r: OutstandingBlock, index: number, offset: number, length: number): boolean =>
  r.piece === index && r.offset === offset && r.length === length;

/**
 * The first blocks a seek waits for, asked of every peer at once. webtorrent
 * asks each block of one peer only, and refills the peers one after another:
 * the first gets the window's first pieces, behind whatever that peer was
 * still sending, while a peer with less in flight would have answered sooner.
 * Whichever copy comes first is handed to webtorrent as if the peer it asked
 * had sent it; the other is cancelled.
 */
export class DuplicateRequests {
  /** Per piece, the duplicates out: the wire and block. */
  readonly #out = new Map<number, { wire: DuplicatingWire; offset: number; length: number }[]>();

  /** Asks every other peer for the blocks webtorrent has asked one peer for, among pieces `pieces`. */
  duplicate(wires: readonly DuplicatingWire[], pieces: readonly number[]): number {
    let sent = 0;
    for (const index of pieces) {
      for (const owner of wires) {
        // A web seed asks for whole pieces, more than a peer may be asked for at once.
        if (owner.type === 'webSeed') continue;
        for (const block of owner.requests.filter((r) => r.piece === index)) {
          for (const other of wires) {
            if (other === owner || other.type === 'webSeed' || other.peerChoking || !other.peerPieces.get(index)) continue;
            if (other.requests.some((r) => sameBlock(r, index, block.offset, block.length))) continue;
            this.#send(wires, other, index, block.offset, block.length);
            sent++;
          }
        }
      }
    }
    return sent;
  }

  /** A piece is in (or given up): its duplicates still out are cancelled. */
  settle(index: number): void {
    const out = this.#out.get(index);
    this.#out.delete(index);
    for (const d of out ?? []) d.wire.cancel(index, d.offset, d.length);
  }

  #send(wires: readonly DuplicatingWire[], wire: DuplicatingWire, index: number, offset: number, length: number): void {
    const out = this.#out.get(index) ?? [];
    out.push({ wire, offset, length });
    this.#out.set(index, out);
    wire.request(index, offset, length, (err, chunk) => {
      const left = (this.#out.get(index) ?? []).filter((d) => !(d.wire === wire && d.offset === offset));
      if (left.length > 0) this.#out.set(index, left);
      else this.#out.delete(index);
      if (err || !chunk) return;
      // The peer webtorrent asked: its request is answered with this copy and cancelled there.
      for (const owner of wires) {
        const at = owner.requests.findIndex((r) => sameBlock(r, index, offset, length));
        if (at < 0 || owner === wire) continue;
        const [original] = owner.requests.splice(at, 1);
        owner.cancel(index, offset, length);
        original?.callback(null, chunk);
        return;
      }
    });
  }
}

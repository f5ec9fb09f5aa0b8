import { rarestFirst, shuffledIndexes, streamRanges, type PickSelection, type PieceRange } from './pick-order';
import { STREAM_BASE_PRIORITY } from './stream-window';
import type { WtPickingTorrent, WtTorrent } from './webtorrent';

/** How long a rarity order is reused: peers' HAVE messages shift it only a little in that time. */
const REBUILD_MS = 300;

/** webtorrent's test for one piece: in the selection it serves, not tried yet, held by the peer. */
export type PieceFilter = (index: number) => boolean;

/** What the picker reads off a torrent. */
export interface PickSource {
  pieceCount: number;
  /** Per piece, how many connected peers have it. */
  availability(): ArrayLike<number>;
  isStored(index: number): boolean;
  selections(): Iterable<PickSelection>;
  peerCount(): number;
}

/**
 * Answers webtorrent's getRarestPiece(filter): first the pieces of stream
 * windows, nearest first and in index order, then the missing pieces, rarest
 * first. That order is rebuilt when it is REBUILD_MS old or peers come, go or
 * send their bitfields; pieces stored since are skipped.
 *
 * webtorrent asks over and over with one filter per selection it serves,
 * adding each piece it could not request to that filter, so a call with the
 * same filter resumes after the last answer: a run walks the windows and the
 * order once, not once per answer. (Its speed ranker in the filter may pass a
 * piece later that it turned down first; that piece waits for the next run.)
 */
export class PiecePicker {
  readonly #source: PickSource;
  readonly #now: () => number;
  /** The tie-break between equally rare pieces: a random order, fixed so ties keep their order across rebuilds. */
  readonly #ties: ArrayLike<number>;
  #order: Uint32Array = new Uint32Array(0);
  #builtAt = -Infinity;
  #builtPeers = -1;
  #stale = true;
  #filter: PieceFilter | null = null;
  #ranges: PieceRange[] = [];
  #range = 0;
  #next = 0;
  #position = 0;

  constructor(
    source: PickSource,
    now: () => number = () => performance.now(),
    ties: ArrayLike<number> = shuffledIndexes(source.pieceCount),
  ) {
    this.#source = source;
    this.#now = now;
    this.#ties = ties;
  }

  /** Peers' pieces changed: the next run rebuilds the order. */
  invalidate(): void {
    this.#stale = true;
  }

  /** The next piece that passes `filter`, or -1. */
  pick(filter: PieceFilter): number {
    if (filter !== this.#filter) this.#begin(filter);
    const source = this.#source;
    while (this.#range < this.#ranges.length) {
      const to = this.#ranges[this.#range]?.to ?? -1;
      while (this.#next <= to) {
        const index = this.#next++;
        if (!source.isStored(index) && filter(index)) return index;
      }
      this.#range++;
      this.#next = this.#ranges[this.#range]?.from ?? 0;
    }
    while (this.#position < this.#order.length) {
      const index = this.#order[this.#position++] ?? 0;
      if (!source.isStored(index) && filter(index)) return index;
    }
    return -1;
  }

  #begin(filter: PieceFilter): void {
    this.#filter = filter;
    this.#ranges = streamRanges(this.#source.selections(), STREAM_BASE_PRIORITY);
    this.#range = 0;
    this.#next = this.#ranges[0]?.from ?? 0;
    this.#position = 0;
    const peers = this.#source.peerCount();
    const now = this.#now();
    if (!this.#stale && peers === this.#builtPeers && now - this.#builtAt < REBUILD_MS) return;
    this.#order = rarestFirst(this.#source.availability(), (index) => this.#source.isStored(index), this.#ties);
    this.#builtAt = now;
    this.#builtPeers = peers;
    this.#stale = false;
  }
}

/**
 * Switches the torrent to webtorrent's 'rarest' strategy with this picker
 * behind it, once the torrent has its rarity map (made with the metadata).
 * Stock getRarestPiece scans every piece per answer, stored ones too, and
 * webtorrent asks once per piece it tries: quadratic per peer update.
 */
export function usePiecePicker(torrent: WtTorrent): void {
  const t = torrent as WtPickingTorrent;
  const install = (): void => {
    const map = t._rarityMap;
    if (t.destroyed || !map) return;
    const picker = new PiecePicker({
      pieceCount: t.pieces.length,
      availability: () => map._pieces ?? [],
      isStored: (index) => t.bitfield?.get(index) === true,
      selections: () => t._selections,
      peerCount: () => t.wires.length,
    });
    // It recounts when a peer connects or sends its bitfield.
    const recalculate = map.recalculate.bind(map);
    map.recalculate = () => {
      recalculate();
      picker.invalidate();
    };
    map.getRarestPiece = (filter) => picker.pick(filter);
    t.strategy = 'rarest';
  };
  if (t._rarityMap) install();
  else torrent.once('metadata', install);
}

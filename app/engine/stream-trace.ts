import { traceMark } from '../shared/timing-marks';

/** How long after a new stream window its pieces are traced. */
const TRACE_MS = 3000;
/** Pieces traced from the window's first on. */
const TRACE_PIECES = 48;

/** A bittorrent-protocol wire as seen here: requests out and pieces in. */
export interface TracedWire {
  requests: { piece: number; offset: number }[];
  on(event: 'piece', fn: (index: number, offset: number) => void): unknown;
}

/**
 * Trace marks (timing-marks.ts) of a new stream window's first pieces: which
 * requests are out and when each block arrives (stream-requests.ts marks
 * when they are hashed and verified). The bench lays them out against the
 * seek that asked for them.
 */
export class StreamTrace {
  #from = -1;
  #until = -Infinity;
  readonly #wires = new WeakSet<object>();

  /** A new window from `from`: trace its pieces for a while. */
  watch(from: number, wires: readonly TracedWire[]): void {
    this.#from = from;
    this.#until = performance.now() + TRACE_MS;
    for (const wire of wires) this.#hookWire(wire);
  }

  /** What each wire has outstanding for the traced pieces, as "w0:937.0,938.0". */
  outstanding(wires: readonly TracedWire[]): string {
    return wires
      .map((wire, k) => {
        const mine = wire.requests.filter((r) => this.traces(r.piece)).map((r) => `${r.piece}.${r.offset / 16384}`);
        return `w${k}:${wire.requests.length}[${mine.slice(0, 12).join(',')}]`;
      })
      .join(' ');
  }

  traces(index: number): boolean {
    return index >= this.#from && index < this.#from + TRACE_PIECES && performance.now() < this.#until;
  }

  #hookWire(wire: TracedWire): void {
    if (this.#wires.has(wire)) return;
    this.#wires.add(wire);
    wire.on('piece', (index, offset) => {
      if (this.traces(index)) traceMark(`block ${index}.${offset / 16384}`);
    });
  }
}

/** One outstanding block request on a peer wire (bittorrent-protocol's Request). */
export interface BlockRequest {
  piece: number;
  offset: number;
  length: number;
}

/** The parts of a bittorrent-protocol wire this uses; web seeds have no cancel queue to jump. */
export interface PreemptableWire {
  type: string;
  requests: BlockRequest[];
  cancel(index: number, offset: number, length: number): void;
}

/**
 * The requests to cancel so that a piece a stream waits for goes out next:
 * every outstanding one for a piece no stream needs soon. webtorrent keeps
 * about a second of transfer requested from each peer, which a peer serves
 * in order, so a piece requested behind them (a seek into what is not
 * downloaded) waited that second, or more.
 */
export function requestsToCancel(requests: readonly BlockRequest[], needed: (piece: number) => boolean): BlockRequest[] {
  return requests.filter((r) => !needed(r.piece));
}

/**
 * Cancels, on every peer wire, the requests no stream needs soon. Each
 * cancel calls back into webtorrent with an error, which frees the blocks
 * and refills the wire from its selections, highest priority first: the
 * stream's window.
 */
export function preemptFor(wires: readonly PreemptableWire[], needed: (piece: number) => boolean): number {
  let cancelled = 0;
  for (const wire of wires) {
    if (wire.type === 'webSeed') continue;
    for (const r of requestsToCancel(wire.requests, needed)) {
      wire.cancel(r.piece, r.offset, r.length);
      cancelled++;
    }
  }
  return cancelled;
}

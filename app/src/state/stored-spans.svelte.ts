import { storedSpans } from '../../shared/pieces';
import { whenIdle } from '../lib/idle';
import { getRecord, storedPieces } from '../../shared/records';

const REFRESH_MS = 1000;

/** Which parts of one file are in IndexedDB, refreshed while something watches. */
export class StoredSpans {
  spans = $state<{ start: number; end: number }[]>([]);
  readonly #infoHash: string;
  readonly #fileIndex: number;

  constructor(infoHash: string, fileIndex: number) {
    this.#infoHash = infoHash;
    this.#fileIndex = fileIndex;
  }

  /** Starts refreshing; returns the function that stops it. */
  watch(): () => void {
    // The first read waits for an idle moment: the player it sits under is starting and reads the same store.
    const cancel = whenIdle(() => void this.#refresh(), REFRESH_MS);
    const timer = setInterval(() => void this.#refresh(), REFRESH_MS);
    return () => {
      cancel();
      clearInterval(timer);
    };
  }

  async #refresh(): Promise<void> {
    const record = await getRecord(this.#infoHash);
    const file = record?.meta?.files[this.#fileIndex];
    if (!record?.meta || !file) return;
    // A flag per piece: plain data, not reactive state.
    const have = new Uint8Array(record.meta.pieceCount);
    for (const i of await storedPieces(this.#infoHash)) have[i] = 1;
    this.spans = storedSpans(record.meta, file.offset, file.length, (i) => have[i] === 1);
  }
}

import { storedSpans } from '../../shared/pieces';
import { whenQuiet } from '../lib/start-quiet';
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
    // Reads wait until the player it sits under has its first frame (start-quiet.ts): it reads the same store.
    let timer: ReturnType<typeof setInterval> | undefined;
    const cancel = whenQuiet(() => {
      void this.#refresh();
      timer = setInterval(() => void this.#refresh(), REFRESH_MS);
    });
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

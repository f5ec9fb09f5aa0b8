import { coversWhole, storedSpans } from '../../shared/pieces';
import { pollUntil } from '../lib/poll-until';
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
    // A wholly stored file stays so while it plays: reads stop then (a film watched offline read its pieces every second).
    let stopPolling = (): void => {};
    const cancel = whenQuiet(() => (stopPolling = pollUntil(() => this.#refresh(), REFRESH_MS)));
    return () => {
      cancel();
      stopPolling();
    };
  }

  /** Reads the spans; true once they cover the whole file. */
  async #refresh(): Promise<boolean> {
    const record = await getRecord(this.#infoHash);
    const file = record?.meta?.files[this.#fileIndex];
    if (!record?.meta || !file) return false;
    // A flag per piece: plain data, not reactive state.
    const have = new Uint8Array(record.meta.pieceCount);
    for (const i of await storedPieces(this.#infoHash)) have[i] = 1;
    const spans = storedSpans(record.meta, file.offset, file.length, (i) => have[i] === 1);
    this.spans = spans;
    return coversWhole(spans);
  }
}

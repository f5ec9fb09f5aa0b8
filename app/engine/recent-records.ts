import type { StoredRecord } from '../shared/records';

/** Blob records cost only a handle each: kept by count. */
const MAX_RECORDS = 64;

/**
 * The stored records read last (piece-runs.ts: a record holds a run of up
 * to 64 pieces), least recently used first out past `maxBytes` of bytes or
 * MAX_RECORDS records. Peers ask for one piece at a time: a record of bytes
 * is read whole for each, and a Blob record's piece needs the record's
 * lookup first. Stored pieces never change, so a record read stays right.
 */
export class RecentRecords {
  readonly #maxBytes: number;
  /** Oldest first. */
  #records: StoredRecord[] = [];
  #bytes = 0;

  constructor(maxBytes: number) {
    this.#maxBytes = maxBytes;
  }

  /** Bytes held by records of bytes (a Blob's are not in memory). */
  get bytes(): number {
    return this.#bytes;
  }

  /** The record read last that holds piece `index`, if any: a part read out of a Blob record comes before the Blob's. */
  find(index: number): StoredRecord | undefined {
    const at = this.#records.findLastIndex(({ span }) => index >= span.first && index < span.first + span.count);
    if (at === -1) return undefined;
    const [record] = this.#records.splice(at, 1);
    this.#records.push(record!);
    return record;
  }

  /** Keeps a record just read; bytes larger than `maxBytes` are not kept. */
  add(record: StoredRecord): void {
    const bytes = sizeOf(record);
    if (bytes > this.#maxBytes) return;
    this.#records.push(record);
    this.#bytes += bytes;
    // Over the bytes, the oldest records of bytes go: a Blob record older than them frees none, and
    // peers asking for pieces in random order (rarest first) need its lookup again for each piece.
    while (this.#bytes > this.#maxBytes) {
      const at = this.#records.findIndex((r) => sizeOf(r) > 0);
      this.#bytes -= sizeOf(this.#records.splice(at, 1)[0]!);
    }
    if (this.#records.length > MAX_RECORDS) this.#records.splice(0, this.#records.length - MAX_RECORDS);
  }

  clear(): void {
    this.#records = [];
    this.#bytes = 0;
  }
}

function sizeOf({ value }: StoredRecord): number {
  return value instanceof Blob ? 0 : value.byteLength;
}

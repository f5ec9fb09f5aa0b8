/**
 * A body source that fills the caller's buffer: one response then reuses two
 * buffers (send-reader.ts) instead of allocating one per read, which on a
 * 256 MiB transfer set off V8 full collections every few tens of MiB.
 */
export interface ByteReader {
  /** Fills the start of `into`; the part filled, or null once every byte was read. Rejects if `signal` aborts a wait. */
  read(into: Buffer, signal: AbortSignal): Promise<Buffer | null>;
  /** Lets go of files and selections; safe to call more than once. */
  close(): Promise<void>;
}

/** The bytes of each reader in turn; a reader is made only when its turn comes and closed once read. */
export function readInTurn(makers: Iterable<() => ByteReader>): ByteReader {
  const queue = [...makers];
  let current: ByteReader | null = null;
  return {
    async read(into, signal) {
      for (;;) {
        if (!current) {
          const make = queue.shift();
          if (!make) return null;
          current = make();
        }
        const chunk = await current.read(into, signal);
        if (chunk) return chunk;
        const done = current;
        current = null;
        await done.close();
      }
    },
    async close() {
      queue.length = 0;
      const open = current;
      current = null;
      await open?.close();
    },
  };
}

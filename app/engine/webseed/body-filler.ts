/**
 * Fills caller-made buffers from a response body, one after another. Where
 * the body is a byte stream (Chromium's and Node's fetch), reads land straight
 * in the buffer (BYOB): no chunk is allocated and no byte is copied twice.
 * Other bodies are read chunk by chunk and copied in.
 */
export interface BodyFiller {
  /**
   * Fills `into` from where the previous fill stopped. Gives the filled bytes:
   * all of `into` (its memory, possibly in a new ArrayBuffer object), or
   * fewer if the body ended first.
   */
  fill(into: Uint8Array<ArrayBuffer>): Promise<Uint8Array<ArrayBuffer>>;
  /** Whether the body has bytes beyond those filled so far (reads one more at most). */
  hasMore(): Promise<boolean>;
  /** Ends the body early; a no-op once it ended. */
  cancel(): Promise<void>;
}

/** Wraps every read that may wait on the network (range-body.ts times them). */
export type ReadWatch = <T>(read: Promise<T>) => Promise<T>;

export function bodyFiller(body: ReadableStream<Uint8Array>, watch: ReadWatch = (read) => read): BodyFiller {
  let byob: ReadableStreamBYOBReader | null = null;
  try {
    byob = body.getReader({ mode: 'byob' });
  } catch {
    // Not a byte stream.
  }
  return byob ? byobFiller(byob, watch) : chunkFiller(body.getReader(), watch);
}

/** read() with `min` (Streams spec since 2023), which TypeScript's DOM types lack. */
type ReadAtLeast = (view: Uint8Array<ArrayBuffer>, options: { min: number }) => Promise<ReadableStreamReadResult<Uint8Array<ArrayBuffer>>>;

function byobFiller(reader: ReadableStreamBYOBReader, watch: ReadWatch): BodyFiller {
  const readAtLeast = reader.read.bind(reader) as unknown as ReadAtLeast;
  let ended = false;
  return {
    async fill(into) {
      let buffer = into.buffer;
      let filled = 0;
      while (filled < into.byteLength && !ended) {
        const view = new Uint8Array(buffer, into.byteOffset + filled, into.byteLength - filled);
        // `min` asks for the whole rest at once; where it is not supported, the loop reads on.
        const step = await watch(readAtLeast(view, { min: view.byteLength }));
        if (step.value) {
          // The read took the buffer over (it is transferred); its bytes are in step.value's.
          buffer = step.value.buffer;
          filled += step.value.byteLength;
        }
        if (step.done) ended = true;
      }
      return new Uint8Array(buffer, into.byteOffset, filled);
    },
    async hasMore() {
      if (ended) return false;
      const step = await watch(reader.read(new Uint8Array(1)));
      if (step.done) ended = true;
      return (step.value?.byteLength ?? 0) > 0;
    },
    cancel: () => reader.cancel().catch(() => {}),
  };
}

function chunkFiller(reader: ReadableStreamDefaultReader<Uint8Array>, watch: ReadWatch): BodyFiller {
  let ended = false;
  /** What the last chunk had beyond the buffer it filled. */
  let rest: Uint8Array = new Uint8Array(0);
  const next = async (): Promise<void> => {
    const step = await watch(reader.read());
    if (step.done) ended = true;
    else rest = step.value;
  };
  return {
    async fill(into) {
      let filled = 0;
      while (filled < into.byteLength) {
        if (rest.byteLength === 0) {
          if (ended) break;
          await next();
          continue;
        }
        const n = Math.min(rest.byteLength, into.byteLength - filled);
        into.set(rest.subarray(0, n), filled);
        rest = rest.subarray(n);
        filled += n;
      }
      return into.subarray(0, filled);
    },
    async hasMore() {
      while (rest.byteLength === 0 && !ended) await next();
      return rest.byteLength > 0;
    },
    cancel: () => reader.cancel().catch(() => {}),
  };
}

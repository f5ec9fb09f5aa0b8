import { describe, expect, it } from 'vitest';
import { bodyFiller } from './body-filler';

const bytes = (n: number, from = 0): Uint8Array<ArrayBuffer> => Uint8Array.from({ length: n }, (_, i) => (from + i) % 251);

/** A body that gives `data` in chunks of the given sizes, as a byte stream (BYOB) or a plain one. */
function body(data: Uint8Array<ArrayBuffer>, chunkSizes: number[], bytesStream: boolean): ReadableStream<Uint8Array> {
  let at = 0;
  let i = 0;
  const nextChunk = (): Uint8Array<ArrayBuffer> | null => {
    if (at >= data.byteLength) return null;
    const n = Math.min(chunkSizes[i++ % chunkSizes.length]!, data.byteLength - at);
    const chunk = data.slice(at, at + n);
    at += n;
    return chunk;
  };
  if (!bytesStream) {
    return new ReadableStream<Uint8Array>({
      pull(c) {
        const chunk = nextChunk();
        if (chunk) c.enqueue(chunk);
        else c.close();
      },
    });
  }
  return new ReadableStream({
    type: 'bytes',
    pull(c) {
      const chunk = nextChunk();
      if (chunk) c.enqueue(chunk);
      else {
        c.close();
        // A pending BYOB read must be answered after close.
        c.byobRequest?.respond(0);
      }
    },
  });
}

describe.each([
  ['byte stream (BYOB)', true],
  ['plain stream', false],
])('bodyFiller on a %s', (_, bytesStream) => {
  it('fills buffers of any size across chunk boundaries, in order', async () => {
    const data = bytes(35);
    const filler = bodyFiller(body(data, [7, 3, 16], bytesStream));
    const a = await filler.fill(new Uint8Array(10));
    const b = await filler.fill(new Uint8Array(10));
    const c = await filler.fill(new Uint8Array(15));
    expect([...a]).toEqual([...bytes(10)]);
    expect([...b]).toEqual([...bytes(10, 10)]);
    expect([...c]).toEqual([...bytes(15, 20)]);
    expect(await filler.hasMore()).toBe(false);
  });

  it('gives fewer bytes than asked when the body ends first', async () => {
    const filler = bodyFiller(body(bytes(15), [4], bytesStream));
    expect((await filler.fill(new Uint8Array(10))).byteLength).toBe(10);
    const short = await filler.fill(new Uint8Array(10));
    expect([...short]).toEqual([...bytes(5, 10)]);
    expect((await filler.fill(new Uint8Array(10))).byteLength).toBe(0);
  });

  it('sees bytes past the last buffer', async () => {
    const filler = bodyFiller(body(bytes(14), [14], bytesStream));
    await filler.fill(new Uint8Array(10));
    expect(await filler.hasMore()).toBe(true);
  });

  it('gives each buffer its own memory, whole', async () => {
    const filler = bodyFiller(body(bytes(20), [3], bytesStream));
    const a = await filler.fill(new Uint8Array(10));
    const b = await filler.fill(new Uint8Array(10));
    expect(a.byteOffset).toBe(0);
    expect(a.buffer.byteLength).toBe(10);
    expect(b.buffer).not.toBe(a.buffer);
  });
});

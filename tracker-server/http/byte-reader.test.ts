import { describe, expect, it } from 'vitest';
import { readInTurn, type ByteReader } from './byte-reader.ts';

/** A reader of `bytes` in reads of at most `step`, recording what happened to it. */
function readerOf(bytes: number[], step: number, log: string[], name: string): ByteReader {
  let at = 0;
  return {
    read(into) {
      if (at >= bytes.length) return Promise.resolve(null);
      const part = bytes.slice(at, Math.min(at + step, at + into.length));
      at += part.length;
      into.set(part);
      return Promise.resolve(into.subarray(0, part.length));
    },
    close() {
      log.push(`close ${name}`);
      return Promise.resolve();
    },
  };
}

async function readAll(reader: ByteReader, size: number): Promise<number[]> {
  const out: number[] = [];
  const into = Buffer.alloc(size);
  const signal = new AbortController().signal;
  for (let chunk = await reader.read(into, signal); chunk; chunk = await reader.read(into, signal)) out.push(...chunk);
  return out;
}

describe('readInTurn', () => {
  it('gives each reader\'s bytes in order, making each when its turn comes and closing it once read', async () => {
    const log: string[] = [];
    const make = (name: string, bytes: number[]) => () => {
      log.push(`make ${name}`);
      return readerOf(bytes, 2, log, name);
    };
    const reader = readInTurn([make('a', [1, 2, 3]), make('b', []), make('c', [4, 5])]);
    expect(log).toEqual([]);
    expect(await readAll(reader, 4)).toEqual([1, 2, 3, 4, 5]);
    expect(log).toEqual(['make a', 'close a', 'make b', 'close b', 'make c', 'close c']);
  });

  it('on close, closes the reader under way and makes no more', async () => {
    const log: string[] = [];
    const reader = readInTurn([() => readerOf([1, 2, 3], 1, log, 'a'), () => readerOf([4], 1, log, 'b')]);
    const into = Buffer.alloc(8);
    expect([...((await reader.read(into, new AbortController().signal)) ?? [])]).toEqual([1]);
    await reader.close();
    await reader.close();
    expect(log).toEqual(['close a']);
    expect(await reader.read(into, new AbortController().signal)).toBeNull();
  });
});

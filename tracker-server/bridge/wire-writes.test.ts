import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Wire } from '../vendor/bittorrent-protocol.ts';
import { batchSmallWrites } from './wire-writes.ts';

batchSmallWrites();

interface TestWire {
  have(index: number): void;
  piece(index: number, offset: number, data: Uint8Array): void;
  end(): void;
  on(event: 'data', listener: (chunk: Uint8Array) => void): void;
  on(event: 'end', listener: () => void): void;
}

const have = (index: number): Buffer => Buffer.from([0, 0, 0, 5, 4, 0, 0, index >> 8, index & 0xff]);
const pieceHeader = (index: number, offset: number, length: number): Buffer => {
  const b = Buffer.alloc(13);
  b.writeUInt32BE(9 + length, 0);
  b[4] = 7;
  b.writeUInt32BE(index, 5);
  b.writeUInt32BE(offset, 9);
  return b;
};

/** A wire whose sent bytes are collected chunk by chunk, and a promise of its end. */
function sending(): { wire: TestWire; chunks: Buffer[]; ended: Promise<void> } {
  const wire = new Wire('tcpOutgoing', 0) as unknown as TestWire;
  const chunks: Buffer[] = [];
  wire.on('data', (chunk) => chunks.push(Buffer.from(chunk)));
  const ended = new Promise<void>((resolve) => wire.on('end', resolve));
  return { wire, chunks, ended };
}

describe('batchSmallWrites', () => {
  it('sends the small messages of one tick as one chunk, in order', async () => {
    const { wire, chunks } = sending();
    for (let i = 0; i < 100; i++) wire.have(i);
    await expect.poll(() => chunks.length).toBe(1);
    expect(chunks[0]).toEqual(Buffer.concat(Array.from({ length: 100 }, (_, i) => have(i))));
  });

  it('sends what waits before a block, and the block as it is', async () => {
    const { wire, chunks } = sending();
    const block = randomBytes(16384);
    wire.have(1);
    wire.have(2);
    wire.piece(0, 16384, block);
    wire.have(3);
    await expect.poll(() => chunks.length).toBe(3);
    expect(chunks[0]).toEqual(Buffer.concat([have(1), have(2), pieceHeader(0, 16384, block.length)]));
    expect(chunks[1]).toEqual(block);
    expect(chunks[2]).toEqual(have(3));
  });

  it('sends what waits before the stream ends', async () => {
    const { wire, chunks, ended } = sending();
    wire.have(7);
    wire.end();
    await ended;
    expect(Buffer.concat(chunks)).toEqual(have(7));
  });
});

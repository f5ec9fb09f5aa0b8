import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Wire } from '../vendor/bittorrent-protocol.ts';
import { parseWithoutJoining } from './wire-reads.ts';

parseWithoutJoining();

const u32 = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
};
const message = (id: number, ...parts: Buffer[]): Buffer => {
  const body = Buffer.concat([Buffer.from([id]), ...parts]);
  return Buffer.concat([u32(body.length), body]);
};

/** What a peer sends: handshake, a bitfield of pieces 0-11, HAVEs of 12 and 15, a keep-alive and blocks. */
function peerStream(blocks: number): { bytes: Buffer; pieces: { index: number; offset: number; data: Buffer }[] } {
  const handshake = Buffer.concat([Buffer.from([19]), Buffer.from('BitTorrent protocol'), Buffer.alloc(8), randomBytes(20), randomBytes(20)]);
  const pieces = Array.from({ length: blocks }, (_, i) => ({ index: i >> 4, offset: (i % 16) * 16384, data: randomBytes(16384) }));
  const bytes = Buffer.concat([
    handshake,
    message(5, Buffer.from([0xff, 0xf0])),
    message(4, u32(12)),
    u32(0),
    ...pieces.map((p) => message(7, u32(p.index), u32(p.offset), p.data)),
    message(4, u32(15)),
  ]);
  return { bytes, pieces };
}

/** Splits `bytes` at sizes from 1 byte to 70 KiB, as TCP reads might. */
function chunked(bytes: Buffer, seed: number): Buffer[] {
  let state = seed;
  const next = () => (state = (state * 1103515245 + 12345) % 2 ** 31);
  const out: Buffer[] = [];
  for (let at = 0; at < bytes.length; ) {
    const size = next() % 4 === 0 ? 1 + (next() % 20) : 1 + (next() % 70_000);
    out.push(bytes.subarray(at, at + size));
    at += size;
  }
  return out;
}

describe('parseWithoutJoining', () => {
  it.each([1, 2, 3])('parses every message of a stream cut at random places (seed %i)', async (seed) => {
    const { bytes, pieces } = peerStream(64);
    const wire = new Wire('tcpIncoming', 0);
    const got: { index: number; offset: number; data: Buffer }[] = [];
    const haves: number[] = [];
    let keepAlives = 0;
    let bitfield = false;
    wire.on('piece', (index: number, offset: number, data: Uint8Array) => got.push({ index, offset, data: Buffer.from(data) }));
    wire.on('have', (index: number) => haves.push(index));
    wire.on('keep-alive', () => keepAlives++);
    wire.on('bitfield', () => (bitfield = true));
    for (const chunk of chunked(bytes, seed)) wire.write(chunk);
    await expect.poll(() => haves.length).toBe(2);
    expect(bitfield).toBe(true);
    expect(keepAlives).toBe(1);
    expect(haves).toEqual([12, 15]);
    // Compared as text: a deep equality of 1 MiB of Buffers takes seconds.
    const summary = (p: { index: number; offset: number; data: Buffer }) => `${p.index}/${p.offset}/${p.data.toString('base64')}`;
    expect(got.map(summary)).toEqual(pieces.map(summary));
    wire.destroy();
  });

  it('hands on a block that lies inside one chunk as a view of that chunk, not a copy', async () => {
    const { bytes } = peerStream(2);
    const secondBlockAt = bytes.length - 13 - 16384 - 9;
    // The first block spans the two chunks; the second lies inside the second chunk.
    const cut = secondBlockAt - 100;
    const second = new Uint8Array(bytes.subarray(cut));
    const wire = new Wire('tcpIncoming', 0);
    const blocks: Uint8Array[] = [];
    wire.on('piece', (_index: number, _offset: number, data: Uint8Array) => blocks.push(data));
    wire.write(bytes.subarray(0, cut));
    wire.write(second);
    await expect.poll(() => blocks.length).toBe(2);
    expect(blocks[0]!.buffer).not.toBe(second.buffer);
    expect(blocks[1]!.buffer).toBe(second.buffer);
    wire.destroy();
  });
});

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { pieceMatches, sha1Hex } from './verify-piece';

describe('piece verification', () => {
  const data = Uint8Array.from({ length: 256 * 1024 }, (_, i) => (i * 31) % 256);
  const hex = createHash('sha1').update(data).digest('hex');

  it('hashes as BitTorrent piece hashes are written', async () => {
    expect(await sha1Hex(new TextEncoder().encode('abc'))).toBe('a9993e364706816aba3e25717850c26c9cd0d89d');
    expect(await sha1Hex(data)).toBe(hex);
  });

  it('accepts a piece only when every byte matches', async () => {
    expect(await pieceMatches(data, hex)).toBe(true);
    expect(await pieceMatches(data, hex.toUpperCase())).toBe(true);
    const corrupt = data.slice();
    corrupt[1000]! ^= 1;
    expect(await pieceMatches(corrupt, hex)).toBe(false);
  });
});

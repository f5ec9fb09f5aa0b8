import { describe, expect, it } from 'vitest';
import { sampleRecord } from '../app/shared/sample-record';
import { MetaCache } from './meta-cache';

const meta = sampleRecord('a'.repeat(40), 1).meta!;
const hash = (i: number) => i.toString(16).padStart(40, '0');

describe('MetaCache', () => {
  it('keeps metadata by info hash until forgotten', () => {
    const cache = new MetaCache();
    cache.set(hash(1), meta);
    expect(cache.get(hash(1))).toBe(meta);
    expect(cache.get(hash(2))).toBeUndefined();
    cache.forget(hash(1));
    expect(cache.get(hash(1))).toBeUndefined();
  });

  it('keeps the eight most recently used, dropping the least recent first', () => {
    const cache = new MetaCache();
    for (let i = 1; i <= 8; i++) cache.set(hash(i), meta);
    // Used again, so 2 is now the least recent.
    cache.get(hash(1));
    cache.set(hash(9), meta);
    expect(cache.get(hash(2))).toBeUndefined();
    for (const i of [1, 3, 4, 5, 6, 7, 8, 9]) expect(cache.get(hash(i))).toBe(meta);
  });
});

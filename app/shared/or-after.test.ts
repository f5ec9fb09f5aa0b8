import { describe, expect, it } from 'vitest';
import { orAfter } from './or-after';

describe('orAfter', () => {
  it('gives the value when it comes in time', async () => {
    await expect(orAfter(Promise.resolve(7), 1000, null)).resolves.toBe(7);
  });

  it('gives the fallback when the promise is slower', async () => {
    const slow = new Promise<number>((resolve) => setTimeout(() => resolve(7), 200));
    await expect(orAfter(slow, 10, 'late')).resolves.toBe('late');
  });

  it('passes a rejection that comes in time', async () => {
    await expect(orAfter(Promise.reject(new Error('no')), 1000, null)).rejects.toThrow('no');
  });
});

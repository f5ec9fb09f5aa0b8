import { describe, expect, it } from 'vitest';
import { Pacer } from './pacer';

describe('Pacer', () => {
  it('lets everything through with no limit', () => {
    const pacer = new Pacer(() => -1);
    expect(pacer.book(10_000_000, 0)).toBe(0);
    expect(pacer.book(10_000_000, 0)).toBe(0);
  });

  it('spaces reads so that all readers together stay at the rate', () => {
    const pacer = new Pacer(() => 1000);
    // Two readers read 500 bytes each at t=0: the second is due one second later.
    expect(pacer.book(500, 0)).toBe(500);
    expect(pacer.book(500, 0)).toBe(1000);
    // Idle time is not saved up for a burst later.
    expect(pacer.book(100, 5000)).toBe(100);
  });

  it('follows a limit changed while it runs', () => {
    let rate = 1000;
    const pacer = new Pacer(() => rate);
    expect(pacer.book(1000, 0)).toBe(1000);
    rate = 0;
    expect(pacer.book(1000, 0)).toBe(0);
  });

  it('says whether a limit is set, as the limit is now', () => {
    let rate = 0;
    const pacer = new Pacer(() => rate);
    expect(pacer.limited).toBe(false);
    rate = 64_000;
    expect(pacer.limited).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { ByteBudget } from './byte-budget';

/** Whether a promise has settled after pending microtasks ran. */
async function settled(p: Promise<void>): Promise<boolean> {
  let done = false;
  void p.then(() => (done = true));
  await new Promise((r) => setImmediate(r));
  return done;
}

describe('ByteBudget', () => {
  it('holds takers back while the limit is spent and lets them on as bytes are given back', async () => {
    const budget = new ByteBudget(100);
    expect(await settled(budget.take(60))).toBe(true);
    const second = budget.take(60);
    expect(await settled(second)).toBe(false);
    budget.give(60);
    expect(await settled(second)).toBe(true);
    expect(budget.used).toBe(60);
  });

  it('serves takers in order, so a big one is not passed by small ones', async () => {
    const budget = new ByteBudget(100);
    await budget.take(90);
    const big = budget.take(50);
    const small = budget.take(5);
    expect(await settled(small)).toBe(false);
    budget.give(90);
    expect(await settled(big)).toBe(true);
    expect(await settled(small)).toBe(true);
    expect(budget.used).toBe(55);
  });

  it('lets one taker larger than the limit through when nothing else is held', async () => {
    const budget = new ByteBudget(100);
    expect(await settled(budget.take(500))).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { backoffMs } from './backoff';

describe('backoffMs', () => {
  it('waits nothing before a failure, then doubles up to a cap', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7, 20].map(backoffMs)).toEqual([0, 500, 1000, 2000, 4000, 8000, 10000, 10000, 10000]);
  });
});

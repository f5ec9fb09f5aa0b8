import { describe, expect, it } from 'vitest';
import { requestsToCancel } from './request-preemption';

const block = (piece: number, offset = 0) => ({ piece, offset, length: 16384 });

describe('requestsToCancel', () => {
  it('keeps the blocks a stream needs and gives up the rest', () => {
    const requests = [block(1), block(1, 16384), block(50), block(51), block(900)];
    const needed = (piece: number) => piece >= 50 && piece <= 60;
    expect(requestsToCancel(requests, needed)).toEqual([block(1), block(1, 16384), block(900)]);
  });
});

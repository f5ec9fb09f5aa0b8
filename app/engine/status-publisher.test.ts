import { describe, expect, it } from 'vitest';
import type { NumberedStatuses, TorrentStatus } from '../shared/engine-api';
import { StatusPublisher } from './status-publisher';

describe('StatusPublisher', () => {
  it('numbers every read, listed or pushed, in the order it read them', () => {
    let state: TorrentStatus['state'] = 'metadata';
    const publisher = new StatusPublisher(() => [{ infoHash: 'a', state } as TorrentStatus]);
    const pushed: NumberedStatuses[] = [];
    publisher.add((numbered) => void pushed.push(numbered));
    const listed = publisher.read();
    state = 'error';
    publisher.push();
    // Unchanged: not pushed again.
    publisher.push();
    expect(pushed.map(({ seq, statuses }) => [seq, statuses[0]?.state])).toEqual([
      [1, 'metadata'],
      [3, 'error'],
    ]);
    expect(listed.seq).toBe(2);
  });
});

import { describe, expect, it } from 'vitest';
import type { TorrentStatus } from '../../shared/engine-api';
import { NewestStatuses } from './newest-statuses';

const statuses = (state: TorrentStatus['state']) => [{ infoHash: 'a', state } as TorrentStatus];

describe('NewestStatuses', () => {
  it('takes statuses newer than any it took, and drops one that arrives after a newer one', () => {
    const newest = new NewestStatuses();
    const pushed = statuses('error');
    expect(newest.take({ seq: 1, statuses: statuses('metadata') })).not.toBeNull();
    expect(newest.take({ seq: 3, statuses: pushed })).toBe(pushed);
    // A list() answered before that push, delivered after it.
    expect(newest.take({ seq: 2, statuses: statuses('metadata') })).toBeNull();
    expect(newest.take({ seq: 3, statuses: pushed })).toBeNull();
    expect(newest.take({ seq: 4, statuses: statuses('downloading') })).toEqual(statuses('downloading'));
  });
});

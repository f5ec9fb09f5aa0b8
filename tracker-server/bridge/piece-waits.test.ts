import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { WebTorrentTorrent } from '../vendor/webtorrent.ts';
import { whenVerified } from './piece-waits.ts';

/** The events and bitfield of a webtorrent torrent that whenVerified reads. */
function torrentWith(verified: number[]): { torrent: WebTorrentTorrent; verify(i: number): void; close(): void } {
  const have = new Set(verified);
  const events = new EventEmitter();
  const torrent = Object.assign(events, { destroyed: false, bitfield: { get: (i: number) => have.has(i) } });
  return {
    torrent: torrent as unknown as WebTorrentTorrent,
    verify(i) {
      have.add(i);
      events.emit('verified', i);
    },
    close() {
      torrent.destroyed = true;
      events.emit('close');
    },
  };
}

describe('whenVerified', () => {
  it('resolves at once for a verified piece, and on its verified event otherwise', async () => {
    const t = torrentWith([0]);
    await expect(whenVerified(t.torrent, 0, new AbortController().signal)).resolves.toBeUndefined();
    let done = false;
    const waiting = whenVerified(t.torrent, 3, new AbortController().signal).then(() => (done = true));
    t.verify(2);
    await Promise.resolve();
    expect(done).toBe(false);
    t.verify(3);
    await waiting;
    expect(done).toBe(true);
  });

  it('uses one listener however many readers wait', async () => {
    const t = torrentWith([]);
    const waits = [1, 1, 2].map((i) => whenVerified(t.torrent, i, new AbortController().signal));
    expect((t.torrent as unknown as EventEmitter).listenerCount('verified')).toBe(1);
    t.verify(1);
    t.verify(2);
    await Promise.all(waits);
  });

  it('rejects when the reader aborts, and then forgets it', async () => {
    const t = torrentWith([]);
    const stop = new AbortController();
    const waiting = whenVerified(t.torrent, 5, stop.signal);
    stop.abort(new Error('the response was closed'));
    await expect(waiting).rejects.toThrow('the response was closed');
    t.verify(5); // nobody is left to resolve
  });

  it('rejects every waiter when the torrent closes', async () => {
    const t = torrentWith([]);
    const waiting = whenVerified(t.torrent, 7, new AbortController().signal);
    t.close();
    await expect(waiting).rejects.toThrow('removed from the server');
    await expect(whenVerified(t.torrent, 8, new AbortController().signal)).rejects.toThrow('removed from the server');
  });
});

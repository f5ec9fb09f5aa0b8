import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FIRST_REANNOUNCE_MS, MAX_REANNOUNCE_MS, reannounceWhenPeerless } from './peerless';

/** A torrent's events and the fields the policy reads, with a count of tracker updates. */
class Torrent extends EventEmitter {
  done = false;
  destroyed = false;
  numPeers = 0;
  updates = 0;
  discovery = { tracker: { update: () => void this.updates++ } };

  connect(type = 'webrtc'): EventEmitter & { type: string } {
    const wire = Object.assign(new EventEmitter(), { type });
    this.numPeers++;
    this.emit('wire', wire);
    return wire;
  }

  drop(wire: EventEmitter): void {
    this.numPeers--;
    wire.emit('close');
  }
}

function watched(): Torrent {
  const torrent = new Torrent();
  reannounceWhenPeerless(torrent);
  return torrent;
}

describe('reannounceWhenPeerless', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('asks the trackers again soon after the last peer left, then less often', () => {
    const torrent = watched();
    torrent.drop(torrent.connect());
    vi.advanceTimersByTime(FIRST_REANNOUNCE_MS - 1);
    expect(torrent.updates).toBe(0);
    vi.advanceTimersByTime(1);
    expect(torrent.updates).toBe(1);
    vi.advanceTimersByTime(2 * FIRST_REANNOUNCE_MS);
    expect(torrent.updates).toBe(2);
    vi.advanceTimersByTime(10 * MAX_REANNOUNCE_MS);
    // 2 s, 4, 8, 16, 32, then every 60 s: never faster than the cap.
    expect(torrent.updates).toBeLessThanOrEqual(2 + 4 + 10);
    expect(torrent.updates).toBeGreaterThan(10);
  });

  it('stops once a peer is back, and starts over fast when that one leaves', () => {
    const torrent = watched();
    torrent.drop(torrent.connect());
    vi.advanceTimersByTime(FIRST_REANNOUNCE_MS + 2 * FIRST_REANNOUNCE_MS);
    expect(torrent.updates).toBe(2);
    const back = torrent.connect();
    vi.advanceTimersByTime(MAX_REANNOUNCE_MS * 3);
    expect(torrent.updates).toBe(2);
    torrent.drop(back);
    vi.advanceTimersByTime(FIRST_REANNOUNCE_MS);
    expect(torrent.updates).toBe(3);
  });

  it('leaves finished, removed and still-connected torrents alone, and ignores web seeds', () => {
    const done = watched();
    done.done = true;
    done.drop(done.connect());
    const removed = watched();
    const wire = removed.connect();
    removed.destroyed = true;
    removed.drop(wire);
    removed.emit('close');
    const busy = watched();
    busy.connect();
    busy.drop(busy.connect());
    const seeded = watched();
    seeded.drop(seeded.connect('webSeed'));
    vi.advanceTimersByTime(MAX_REANNOUNCE_MS * 3);
    expect([done.updates, removed.updates, busy.updates, seeded.updates]).toEqual([0, 0, 0, 0]);
  });
});

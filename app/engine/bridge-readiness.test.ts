import { afterEach, describe, expect, it, vi } from 'vitest';
import { BridgeReadiness, readyInfoHashes, type EventStream } from './bridge-readiness';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);

/** Stands in for the browser's EventSource, which Node lacks; the server side is tested in tracker-server. */
class Stream implements EventStream {
  listener: ((event: MessageEvent<string>) => void) | null = null;
  closed = false;
  addEventListener(_type: 'torrents', listener: (event: MessageEvent<string>) => void): void {
    this.listener = listener;
  }
  close(): void {
    this.closed = true;
  }
  send(torrents: { infoHash: string; ready: boolean }[]): void {
    this.listener?.({ data: JSON.stringify({ torrents }) } as MessageEvent<string>);
  }
}

function watcher(): { readiness: BridgeReadiness; streams: Stream[]; urls: string[] } {
  const streams: Stream[] = [];
  const urls: string[] = [];
  const readiness = new BridgeReadiness('http://127.0.0.1:8080/api/events', (url) => {
    urls.push(url);
    const stream = new Stream();
    streams.push(stream);
    return stream;
  });
  return { readiness, streams, urls };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('readyInfoHashes', () => {
  it('lists the ready torrents of an event', () => {
    const data = JSON.stringify({ torrents: [{ infoHash: A, ready: true }, { infoHash: B, ready: false }] });
    expect(readyInfoHashes(data)).toEqual([A]);
  });

  it('reads nothing from what is not such an event', () => {
    expect(readyInfoHashes('not json')).toEqual([]);
    expect(readyInfoHashes('null')).toEqual([]);
    expect(readyInfoHashes('{"torrents": 3}')).toEqual([]);
    expect(readyInfoHashes('{"torrents": [null, {"infoHash": 5, "ready": true}, {"ready": "yes", "infoHash": "x"}]}')).toEqual([]);
  });
});

describe('BridgeReadiness', () => {
  it('opens one stream for all waiters and wakes each when its torrent is ready', async () => {
    const { readiness, streams, urls } = watcher();
    const a = readiness.whenReady(A, 10_000);
    const b = readiness.whenReady(B, 10_000);
    expect(urls).toEqual(['http://127.0.0.1:8080/api/events']);
    streams[0]!.send([
      { infoHash: A, ready: true },
      { infoHash: B, ready: false },
    ]);
    await expect(a).resolves.toBe(true);
    streams[0]!.send([{ infoHash: B, ready: true }]);
    await expect(b).resolves.toBe(true);
    expect(streams).toHaveLength(1);
  });

  it('answers false after the wait, and closes the stream once nobody waits', async () => {
    vi.useFakeTimers();
    const { readiness, streams } = watcher();
    const a = readiness.whenReady(A, 1_000);
    await vi.advanceTimersByTimeAsync(1_000);
    await expect(a).resolves.toBe(false);
    expect(readiness.open).toBe(true);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(readiness.open).toBe(false);
    expect(streams[0]!.closed).toBe(true);
  });

  it('keeps the stream for a waiter that comes back at once', async () => {
    vi.useFakeTimers();
    const { readiness, streams } = watcher();
    const first = readiness.whenReady(A, 1_000);
    await vi.advanceTimersByTimeAsync(1_000);
    await first;
    const again = readiness.whenReady(A, 5_000);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(streams).toHaveLength(1);
    expect(streams[0]!.closed).toBe(false);
    streams[0]!.send([{ infoHash: A, ready: true }]);
    await expect(again).resolves.toBe(true);
  });
});

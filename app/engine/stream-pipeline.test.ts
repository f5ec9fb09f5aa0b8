import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  STREAM_PIPELINE_MAX,
  STREAM_PIPELINE_MIN,
  StreamPipelines,
  streamingBlocks,
  streamingReqq,
  type HandshakeWire,
} from './stream-pipeline';

describe('streamingBlocks', () => {
  it('asks for a round trip at the rate, plus two blocks, within the bounds', () => {
    // 2 MB/s, 100 ms away: 200 kB, 12.2 blocks -> 13 + 2.
    expect(streamingBlocks(2e6, 100)).toBe(15);
    // Loopback: a few ms away, the floor.
    expect(streamingBlocks(2e6, 5)).toBe(STREAM_PIPELINE_MIN);
    expect(streamingBlocks(50e6, 200)).toBe(STREAM_PIPELINE_MAX);
    expect(streamingBlocks(1.3e6, 100)).toBe(10);
  });

  it('keeps to the floor until it knows a rate and a round trip', () => {
    expect(streamingBlocks(0, 100)).toBe(STREAM_PIPELINE_MIN);
    expect(streamingBlocks(2e6, undefined)).toBe(STREAM_PIPELINE_MIN);
    expect(streamingBlocks(Number.NaN, 100)).toBe(STREAM_PIPELINE_MIN);
  });
});

describe('streamingReqq', () => {
  it('caps the queue of requests while streaming, keeping a lower limit of the peer', () => {
    expect(streamingReqq(undefined)).toBe(STREAM_PIPELINE_MIN);
    expect(streamingReqq(250, 20)).toBe(20);
    expect(streamingReqq(5, 20)).toBe(5);
    expect(streamingReqq(0, 20)).toBe(20);
  });
});

type Callback = Parameters<HandshakeWire['request']>[3];

/** A wire whose requests are answered when the test says, as bittorrent-protocol's are. */
function fakeWire(reqq: unknown, speed: number) {
  const pending = new Map<string, Callback>();
  const wire = {
    peerExtendedHandshake: { reqq } as { reqq?: unknown },
    downloadSpeed: () => speed,
    request: (index: number, offset: number, _length: number, cb: Callback) => void pending.set(`${index}:${offset}`, cb),
    cancel: (index: number, offset: number, _length: number) => {
      pending.get(`${index}:${offset}`)?.(new Error('request was cancelled'));
      pending.delete(`${index}:${offset}`);
    },
  };
  const answer = (index: number, offset: number) => pending.get(`${index}:${offset}`)?.(null, new Uint8Array(16384));
  return { wire, answer };
}

describe('StreamPipelines', () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ['performance'] }));
  afterEach(() => vi.useRealTimers());

  it('caps a wire at the floor until its round trip is known, then at two round trips of its rate', () => {
    const pipelines = new StreamPipelines();
    const { wire, answer } = fakeWire(500, 2e6);
    pipelines.cap([wire]);
    expect(wire.peerExtendedHandshake.reqq).toBe(STREAM_PIPELINE_MIN);
    const got = vi.fn();
    wire.request(3, 0, 16384, got);
    vi.advanceTimersByTime(100);
    answer(3, 0);
    expect(got).toHaveBeenCalledWith(null, expect.any(Uint8Array));
    expect(pipelines.roundTrip(wire)).toBe(100);
    pipelines.cap([wire]);
    expect(wire.peerExtendedHandshake.reqq).toBe(15);
  });

  it("keeps the peer's own lower limit, and the quickest round trip", () => {
    const pipelines = new StreamPipelines();
    const { wire, answer } = fakeWire(12, 2e6);
    pipelines.cap([wire]);
    wire.request(1, 0, 16384, () => {});
    vi.advanceTimersByTime(100);
    answer(1, 0);
    wire.request(2, 0, 16384, () => {});
    vi.advanceTimersByTime(300);
    answer(2, 0);
    expect(pipelines.roundTrip(wire)).toBe(100);
    pipelines.cap([wire]);
    pipelines.cap([wire]);
    expect(wire.peerExtendedHandshake.reqq).toBe(12);
  });

  it('does not time a block asked for again after a cancel, nor a cancelled request', () => {
    const pipelines = new StreamPipelines();
    const { wire, answer } = fakeWire(undefined, 2e6);
    pipelines.cap([wire]);
    const first = vi.fn();
    wire.request(7, 16384, 16384, first);
    vi.advanceTimersByTime(50);
    wire.cancel(7, 16384, 16384);
    expect(first).toHaveBeenCalledWith(expect.any(Error), undefined);
    // The cancelled request's reply can answer this one at once: no round trip to learn from.
    wire.request(7, 16384, 16384, () => {});
    vi.advanceTimersByTime(1);
    answer(7, 16384);
    expect(pipelines.roundTrip(wire)).toBeUndefined();
  });

  it('leaves wires without a handshake alone', () => {
    const pipelines = new StreamPipelines();
    const { wire } = fakeWire(undefined, 1e6);
    const bare = { ...wire, peerExtendedHandshake: undefined };
    pipelines.cap([bare]);
    expect(bare.request).toBe(wire.request);
  });
});

import { describe, expect, it } from 'vitest';
import { capPipelines, STREAM_PIPELINE_BLOCKS, streamingReqq } from './stream-pipeline';

describe('streamingReqq', () => {
  it('caps the queue of requests while streaming, keeping a lower limit of the peer', () => {
    expect(streamingReqq(undefined)).toBe(STREAM_PIPELINE_BLOCKS);
    expect(streamingReqq(250)).toBe(STREAM_PIPELINE_BLOCKS);
    expect(streamingReqq(5)).toBe(5);
    expect(streamingReqq(0)).toBe(STREAM_PIPELINE_BLOCKS);
  });
});

describe('capPipelines', () => {
  it('lowers each wire limit, again and again to the same value', () => {
    const said = { peerExtendedHandshake: { reqq: 500 } as { reqq?: unknown } };
    const silent = { peerExtendedHandshake: {} as { reqq?: unknown } };
    const low = { peerExtendedHandshake: { reqq: 4 } as { reqq?: unknown } };
    capPipelines([said, silent, low]);
    capPipelines([said, silent, low]);
    expect([said, silent, low].map((w) => w.peerExtendedHandshake.reqq)).toEqual([STREAM_PIPELINE_BLOCKS, STREAM_PIPELINE_BLOCKS, 4]);
  });
});

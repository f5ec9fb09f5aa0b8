import { describe, expect, it } from 'vitest';
import { webRtcFailed } from './bridge-policy';

describe('webRtcFailed', () => {
  it('is true without metadata or peers, false once done or served', () => {
    expect(webRtcFailed({ metadata: null, numPeers: 3, done: false })).toBe(true);
    expect(webRtcFailed({ metadata: {}, numPeers: 0, done: false })).toBe(true);
    expect(webRtcFailed({ metadata: {}, numPeers: 1, done: false })).toBe(false);
    expect(webRtcFailed({ metadata: {}, numPeers: 0, done: true })).toBe(false);
  });
});

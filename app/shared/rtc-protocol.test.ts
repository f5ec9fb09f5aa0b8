import { describe, expect, it } from 'vitest';
import { sameRtcConfig, withoutTrickleOption } from './rtc-protocol';

describe('withoutTrickleOption', () => {
  it("drops the trickle option line as simple-peer does with trickle off, and nothing else", () => {
    const sdp = 'v=0\r\na=ice-ufrag:abcd\r\na=ice-options:trickle\r\na=fingerprint:sha-256 AA\r\n';
    expect(withoutTrickleOption(sdp)).toBe('v=0\r\na=ice-ufrag:abcd\r\na=fingerprint:sha-256 AA\r\n');
    expect(withoutTrickleOption(withoutTrickleOption(sdp))).toBe(withoutTrickleOption(sdp));
  });
});

describe('sameRtcConfig', () => {
  it('treats a missing transport policy as "all" and compares ICE servers', () => {
    expect(sameRtcConfig({ iceServers: [] }, { iceServers: [], iceTransportPolicy: 'all' })).toBe(true);
    expect(sameRtcConfig({}, { iceServers: [] })).toBe(true);
    expect(sameRtcConfig({ iceServers: [] }, { iceServers: [], iceTransportPolicy: 'relay' })).toBe(false);
    expect(sameRtcConfig({ iceServers: [{ urls: 'stun:a' }] }, { iceServers: [{ urls: 'stun:b' }] })).toBe(false);
  });
});

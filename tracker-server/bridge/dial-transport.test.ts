import { describe, expect, it } from 'vitest';
import { dialTransport } from './dial-transport.ts';

describe('dialTransport', () => {
  it('dials an IPv4 peer over TCP first, then uTP and TCP in turn', () => {
    expect([0, 1, 2, 3, 4].map((n) => dialTransport(n, '203.0.113.7', undefined))).toEqual(['tcp', 'utp', 'tcp', 'utp', 'tcp']);
  });

  it('keeps to the transport that last reached a handshake', () => {
    expect(dialTransport(2, '203.0.113.7', 'utp')).toBe('utp');
    expect(dialTransport(1, '203.0.113.7', 'tcp')).toBe('tcp');
  });

  it('dials IPv6 peers over TCP only (webtorrent has no uTP for them)', () => {
    expect([0, 1].map((n) => dialTransport(n, '2001:db8::1', undefined))).toEqual(['tcp', 'tcp']);
  });
});

import { describe, expect, it } from 'vitest';
import { likelyTcpSwarm } from './tcp-swarm';

const HASH = 'c12fe1c06bba254a9dc9f519b335aa7c1367a88a';
const magnet = (...trackers: string[]): string =>
  `magnet:?xt=urn:btih:${HASH}${trackers.map((t) => `&tr=${encodeURIComponent(t)}`).join('')}`;

describe('likelyTcpSwarm', () => {
  it('is true for UDP or HTTP trackers, or none (DHT only)', () => {
    expect(likelyTcpSwarm(magnet('udp://tracker.example:1337'))).toBe(true);
    expect(likelyTcpSwarm(magnet('wss://t.example', 'http://t.example/announce'))).toBe(true);
    expect(likelyTcpSwarm(magnet())).toBe(true);
  });

  it('is false when every tracker is a WebSocket one', () => {
    expect(likelyTcpSwarm(magnet('wss://t.example', 'ws://127.0.0.1:8080/announce'))).toBe(false);
  });
});

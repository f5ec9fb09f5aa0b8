import { describe, expect, it } from 'vitest';
import { likelyTcpSwarm, offersAhead } from './tcp-swarm';

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

describe('offersAhead', () => {
  it('is true for a magnet whose trackers are all WebSocket ones, and for a .torrent URL', () => {
    expect(offersAhead(magnet('wss://t.example'))).toBe(true);
    expect(offersAhead('https://example.com/film.torrent')).toBe(true);
  });

  it('is false for a likely TCP swarm, a bare info hash, or input that adds nothing', () => {
    expect(offersAhead(magnet('http://t.example/announce'))).toBe(false);
    expect(offersAhead(HASH)).toBe(false);
    expect(offersAhead('not a link')).toBe(false);
    expect(offersAhead('')).toBe(false);
  });
});

import { decode } from 'magnet-uri';
import { describe, expect, it } from 'vitest';
import { effectiveConfig, withTrackers } from './effective-config';
import { DEFAULT_SETTINGS, type EngineConfig } from './engine-api';

const server: EngineConfig = { announce: ['ws://app.example/announce'], iceServers: [], bridge: 'https://app.example' };
const HASH = '0123456789abcdef0123456789abcdef01234567';

describe('effectiveConfig', () => {
  it("is the server's config without settings", () => {
    expect(effectiveConfig(server)).toEqual({ announce: server.announce, bridge: server.bridge, bridgeTrackers: [] });
  });

  it('adds WebSocket trackers to announce and gives http(s) ones to the bridge', () => {
    const settings = { ...DEFAULT_SETTINGS, extraTrackers: ['wss://x.example/announce', 'https://y.example/announce', 'ws://app.example/announce'] };
    expect(effectiveConfig({ ...server, settings })).toEqual({
      announce: ['ws://app.example/announce', 'wss://x.example/announce'],
      bridge: 'https://app.example',
      bridgeTrackers: ['https://y.example/announce'],
    });
  });

  it('turns the bridge off or points it elsewhere', () => {
    expect(effectiveConfig({ ...server, settings: { ...DEFAULT_SETTINGS, bridge: 'off' } }).bridge).toBeNull();
    expect(effectiveConfig({ ...server, settings: { ...DEFAULT_SETTINGS, bridge: 'https://b.example' } }).bridge).toBe('https://b.example');
  });
});

describe('withTrackers', () => {
  it('adds trackers once and keeps the rest of the magnet', () => {
    const magnet = `magnet:?xt=urn:btih:${HASH}&dn=Film&tr=${encodeURIComponent('https://a.example/announce')}`;
    const out = decode(withTrackers(magnet, ['https://a.example/announce', 'https://b.example/announce']));
    expect(out.infoHash).toBe(HASH);
    expect(out.name).toBe('Film');
    expect(out.announce).toEqual(['https://a.example/announce', 'https://b.example/announce']);
  });

  it('leaves the magnet alone with no trackers to add', () => {
    const magnet = `magnet:?xt=urn:btih:${HASH}`;
    expect(withTrackers(magnet, [])).toBe(magnet);
  });
});

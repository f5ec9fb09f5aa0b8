import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EARLY_CONFIG_GLOBAL } from '../../shared/early-start';
import { configFrom, engineConfigNow, loadEngineConfig } from './config';

const ORIGIN = 'https://app.example';
const FALLBACK = { announce: ['wss://app.example/announce'], iceServers: [], bridge: ORIGIN };
const holder = globalThis as unknown as Record<string, unknown>;

beforeEach(() => {
  vi.stubGlobal('location', new URL(`${ORIGIN}/add`));
  vi.stubGlobal('navigator', { onLine: true });
});

afterEach(() => {
  delete holder[EARLY_CONFIG_GLOBAL];
  vi.unstubAllGlobals();
});

describe('configFrom', () => {
  it('takes the announce URLs, ICE servers and bridge the server gives', () => {
    const body = { announce: ['wss://t.example/announce'], iceServers: [{ urls: 'stun:s.example' }], bridge: 'https://b.example' };
    expect(configFrom(body)).toEqual(body);
  });

  it('drops malformed entries and keeps `bridge: null` (a server without one)', () => {
    const body = { announce: [1, 'wss://t.example/announce'], iceServers: [{ urls: 5 }, { urls: ['stun:a'] }], bridge: null };
    expect(configFrom(body)).toEqual({ announce: ['wss://t.example/announce'], iceServers: [{ urls: ['stun:a'] }], bridge: null });
  });

  it("falls back to the app's own tracker and bridge without a body", () => {
    expect(configFrom(null)).toEqual(FALLBACK);
    expect(configFrom('not json')).toEqual(FALLBACK);
    expect(configFrom({ announce: [] })).toEqual(FALLBACK);
  });
});

describe('early config', () => {
  it("is there at once when index.html's request is in, not before", () => {
    holder[EARLY_CONFIG_GLOBAL] = { body: undefined, done: new Promise(() => {}) };
    expect(engineConfigNow()).toBeNull();
    holder[EARLY_CONFIG_GLOBAL] = { body: { iceServers: [{ urls: 'stun:s.example' }] }, done: Promise.resolve() };
    expect(engineConfigNow()?.iceServers).toEqual([{ urls: 'stun:s.example' }]);
  });

  it('is not used offline', () => {
    vi.stubGlobal('navigator', { onLine: false });
    holder[EARLY_CONFIG_GLOBAL] = { body: { bridge: null }, done: Promise.resolve({ bridge: null }) };
    expect(engineConfigNow()).toBeNull();
  });

  it("loads from index.html's request without asking again", async () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    holder[EARLY_CONFIG_GLOBAL] = { body: undefined, done: Promise.resolve({ bridge: null }) };
    await expect(loadEngineConfig()).resolves.toEqual({ ...FALLBACK, bridge: null });
    expect(fetch).not.toHaveBeenCalled();
  });

  it('asks itself when index.html did not', async () => {
    const fetch = vi.fn(() => Promise.resolve({ ok: true, json: () => Promise.resolve({ announce: ['wss://t.example/announce'] }) }));
    vi.stubGlobal('fetch', fetch);
    await expect(loadEngineConfig()).resolves.toEqual({ ...FALLBACK, announce: ['wss://t.example/announce'] });
    expect(fetch).toHaveBeenCalledOnce();
  });
});

import { describe, expect, it } from 'vitest';
import { BridgeClient, sameOrigin } from './bridge-client';

describe('sameOrigin', () => {
  it('holds for the app’s own origin, absolute or relative', () => {
    expect(sameOrigin('http://127.0.0.1:8080', 'http://127.0.0.1:8080')).toBe(true);
    expect(sameOrigin('http://127.0.0.1:8080/', 'http://127.0.0.1:8080')).toBe(true);
    expect(sameOrigin('/', 'https://example.org')).toBe(true);
  });

  it('fails for another host, port or scheme, and for what is not a URL', () => {
    expect(sameOrigin('http://127.0.0.1:8081', 'http://127.0.0.1:8080')).toBe(false);
    expect(sameOrigin('http://localhost:8080', 'http://127.0.0.1:8080')).toBe(false);
    expect(sameOrigin('https://127.0.0.1:8080', 'http://127.0.0.1:8080')).toBe(false);
    expect(sameOrigin('http://[', 'http://127.0.0.1:8080')).toBe(false);
  });
});

describe('BridgeClient', () => {
  it('serves this app only when it is on the app’s origin', () => {
    expect(new BridgeClient('http://127.0.0.1:8080/', 'http://127.0.0.1:8080').servesThisApp).toBe(true);
    expect(new BridgeClient('https://bridge.example.org', 'http://127.0.0.1:8080').servesThisApp).toBe(false);
    // No origin to compare with (Node): never.
    expect(new BridgeClient('http://127.0.0.1:8080', undefined).servesThisApp).toBe(false);
  });
});

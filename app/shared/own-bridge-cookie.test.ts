import { describe, expect, it } from 'vitest';
import { ownBridgeCookie, ownBridgeOff } from './own-bridge-cookie';

const sent = (setCookie: string): string => setCookie.split(';')[0] ?? '';

describe('own bridge cookie', () => {
  it('is set for "off" and for another bridge, and cleared for the default', () => {
    expect(ownBridgeOff(sent(ownBridgeCookie('off')))).toBe(true);
    expect(ownBridgeOff(`a=1; ${sent(ownBridgeCookie('https://bridge.example'))}; b=2`)).toBe(true);
    expect(ownBridgeCookie('default')).toMatch(/Max-Age=0/);
    expect(ownBridgeOff(sent(ownBridgeCookie('default')))).toBe(false);
  });

  it('reads no cookie, or others, as the default', () => {
    expect(ownBridgeOff(undefined)).toBe(false);
    expect(ownBridgeOff('btstream-own-bridge-x=off; other=off')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { InputError } from './input';
import { amountIn, parseAmount, parseBridgeUrl, parseConnections, parseTrackerUrl, RATE_UNITS, SIZE_UNITS } from './settings-input';

describe('parseTrackerUrl', () => {
  it('accepts WebSocket and HTTP trackers', () => {
    expect(parseTrackerUrl(' wss://tracker.example/announce ')).toBe('wss://tracker.example/announce');
    expect(parseTrackerUrl('ws://10.0.0.1:8000/announce')).toBe('ws://10.0.0.1:8000/announce');
    expect(parseTrackerUrl('https://tracker.example/announce')).toBe('https://tracker.example/announce');
  });

  it('says why a UDP tracker cannot be used', () => {
    expect(() => parseTrackerUrl('udp://tracker.example:1337')).toThrow(/UDP tracker, which browsers cannot reach/);
  });

  it('rejects what is not a tracker address', () => {
    expect(() => parseTrackerUrl('tracker.example')).toThrow(InputError);
    expect(() => parseTrackerUrl('ftp://tracker.example')).toThrow(/should start with wss:\/\//);
  });
});

describe('parseBridgeUrl', () => {
  it('keeps an http(s) base URL without its trailing slash', () => {
    expect(parseBridgeUrl('https://bridge.example/')).toBe('https://bridge.example');
    expect(parseBridgeUrl('http://10.0.0.2:8080/app//')).toBe('http://10.0.0.2:8080/app');
  });

  it('rejects other schemes and query strings', () => {
    expect(() => parseBridgeUrl('wss://bridge.example')).toThrow(/https:\/\/ or http:\/\//);
    expect(() => parseBridgeUrl('bridge.example')).toThrow(InputError);
    expect(() => parseBridgeUrl('https://bridge.example/?a=1')).toThrow(/\? or #/);
  });
});

describe('parseAmount', () => {
  it('uses the picked unit when none is typed', () => {
    expect(parseAmount('500', 'KB/s', RATE_UNITS, '500 KB/s')).toBe(500 * 1024);
    expect(parseAmount('1.5', 'GB', SIZE_UNITS, '2 GB')).toBe(1.5 * 1024 ** 3);
  });

  it('prefers a typed unit, in any case, with or without /s', () => {
    expect(parseAmount('2 MB/s', 'KB/s', RATE_UNITS, '')).toBe(2 * 1024 ** 2);
    expect(parseAmount('2mb', 'KB/s', RATE_UNITS, '')).toBe(2 * 1024 ** 2);
    expect(parseAmount('.5 gb', 'MB', SIZE_UNITS, '')).toBe(0.5 * 1024 ** 3);
  });

  it('is null when empty', () => {
    expect(parseAmount('  ', 'MB', SIZE_UNITS, '')).toBeNull();
  });

  it('rejects words, negatives, unknown units and values below the smallest unit', () => {
    expect(() => parseAmount('fast', 'KB/s', RATE_UNITS, '500 KB/s')).toThrow('Enter a number like 500 KB/s, or leave it empty.');
    expect(() => parseAmount('-5', 'KB/s', RATE_UNITS, '500 KB/s')).toThrow(InputError);
    expect(() => parseAmount('5 TB', 'GB', SIZE_UNITS, '2 GB')).toThrow(InputError);
    expect(() => parseAmount('0', 'KB/s', RATE_UNITS, '')).toThrow('The smallest value is 1 KB/s.');
  });
});

describe('parseConnections', () => {
  it('accepts whole numbers in range', () => {
    expect(parseConnections(' 80 ')).toBe(80);
    expect(parseConnections('1')).toBe(1);
  });

  it('rejects the rest', () => {
    for (const bad of ['0', '201', '2.5', '', 'many']) expect(() => parseConnections(bad)).toThrow('Enter a whole number from 1 to 200.');
  });
});

describe('amountIn', () => {
  it('picks the largest unit that shows at least 1', () => {
    expect(amountIn(1.5 * 1024 ** 3, SIZE_UNITS)).toEqual({ value: '1.5', unit: 'GB' });
    expect(amountIn(300 * 1024 ** 2, SIZE_UNITS)).toEqual({ value: '300', unit: 'MB' });
    expect(amountIn(512, RATE_UNITS)).toEqual({ value: '0.5', unit: 'KB/s' });
  });
});

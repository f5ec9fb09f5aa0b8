import { describe, expect, it } from 'vitest';
import { formatBytes, formatEta, formatPeers, formatPercent, formatRatio, formatSpeed, formatState } from './format';

describe('formatBytes', () => {
  it('shows whole bytes below a kilobyte', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1)).toBe('1 B');
    expect(formatBytes(1023)).toBe('1023 B');
  });

  it('uses binary units with about three significant digits', () => {
    expect(formatBytes(1024)).toBe('1.0 KB');
    expect(formatBytes(1.5 * 1024 * 1024)).toBe('1.5 MB');
    expect(formatBytes(15.24 * 1024 * 1024)).toBe('15.2 MB');
    expect(formatBytes(152.4 * 1024 * 1024)).toBe('152 MB');
    expect(formatBytes(4.7 * 1024 ** 3)).toBe('4.7 GB');
  });

  it('moves to the next unit instead of showing 1024', () => {
    expect(formatBytes(1024 * 1024 - 1)).toBe('1.0 MB');
    expect(formatBytes(1023.6 * 1024)).toBe('1.0 MB');
  });

  it('stops at the largest unit', () => {
    expect(formatBytes(2048 * 1024 ** 5)).toBe('2048 PB');
  });

  it('treats negative and non-finite values as nothing', () => {
    expect(formatBytes(-5)).toBe('0 B');
    expect(formatBytes(Number.NaN)).toBe('0 B');
    expect(formatBytes(Number.POSITIVE_INFINITY)).toBe('0 B');
  });
});

describe('formatSpeed', () => {
  it('appends per second', () => {
    expect(formatSpeed(0)).toBe('0 B/s');
    expect(formatSpeed(1.5 * 1024 * 1024)).toBe('1.5 MB/s');
  });
});

describe('formatPercent', () => {
  it('rounds down so 100% means done', () => {
    expect(formatPercent(0)).toBe('0%');
    expect(formatPercent(0.424)).toBe('42%');
    expect(formatPercent(0.999)).toBe('99%');
    expect(formatPercent(1)).toBe('100%');
  });

  it('clamps out-of-range values', () => {
    expect(formatPercent(-0.2)).toBe('0%');
    expect(formatPercent(1.3)).toBe('100%');
    expect(formatPercent(Number.NaN)).toBe('0%');
  });
});

describe('formatPeers', () => {
  it('pluralises', () => {
    expect(formatPeers(0)).toBe('0 peers');
    expect(formatPeers(1)).toBe('1 peer');
    expect(formatPeers(7)).toBe('7 peers');
  });
});

describe('formatState', () => {
  it('labels every engine state', () => {
    expect(formatState('metadata')).toBe('Fetching metadata');
    expect(formatState('seeding')).toBe('Seeding');
  });
});

describe('formatEta', () => {
  it('shows the largest units that matter', () => {
    expect(formatEta(null)).toBe('—');
    expect(formatEta(Infinity)).toBe('—');
    expect(formatEta(42.4)).toBe('42 s');
    expect(formatEta(600)).toBe('10 min');
    expect(formatEta(3 * 3600 + 20 * 60)).toBe('3 h 20 min');
    expect(formatEta(5 * 86400)).toBe('5 days');
  });
});

describe('formatRatio', () => {
  it('shows two decimals, or a dash before any download', () => {
    expect(formatRatio(null)).toBe('—');
    expect(formatRatio(1.2345)).toBe('1.23');
  });
});

import { describe, expect, it } from 'vitest';
import { contentRange, parseRange, unsatisfiedRange } from './range';

describe('parseRange', () => {
  const size = 1000;

  it('serves the whole body without a header', () => {
    expect(parseRange(null, size)).toEqual({ kind: 'full' });
    expect(parseRange('', size)).toEqual({ kind: 'full' });
  });

  it('reads a closed range', () => {
    expect(parseRange('bytes=0-99', size)).toEqual({ kind: 'partial', range: { start: 0, end: 99 } });
    expect(parseRange('bytes=100-200099', size)).toEqual({ kind: 'partial', range: { start: 100, end: 999 } });
  });

  it('reads an open range, as media elements send', () => {
    expect(parseRange('bytes=0-', size)).toEqual({ kind: 'partial', range: { start: 0, end: 999 } });
    expect(parseRange('bytes=999-', size)).toEqual({ kind: 'partial', range: { start: 999, end: 999 } });
  });

  it('reads a suffix range', () => {
    expect(parseRange('bytes=-100', size)).toEqual({ kind: 'partial', range: { start: 900, end: 999 } });
    expect(parseRange('bytes=-5000', size)).toEqual({ kind: 'partial', range: { start: 0, end: 999 } });
  });

  it('tolerates whitespace', () => {
    expect(parseRange(' bytes = 5 - 9 ', size)).toEqual({ kind: 'partial', range: { start: 5, end: 9 } });
  });

  it('is unsatisfiable past the end or for a zero suffix', () => {
    expect(parseRange('bytes=1000-', size)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=5000-6000', size)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=-0', size)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
  });

  it('ignores what it cannot use, as RFC 9110 allows', () => {
    for (const header of ['items=0-5', 'bytes=abc', 'bytes=5-1', 'bytes=-', 'bytes=0-1,5-9', 'garbage']) {
      expect(parseRange(header, size)).toEqual({ kind: 'full' });
    }
  });

  it('formats Content-Range', () => {
    expect(contentRange({ start: 100, end: 200099 }, 300000)).toBe('bytes 100-200099/300000');
    expect(unsatisfiedRange(1000)).toBe('bytes */1000');
  });
});

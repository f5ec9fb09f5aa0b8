import { describe, expect, it } from 'vitest';
import type { StoredRecord } from '../shared/records';
import { RecentRecords } from './recent-records';

const A = 'a'.repeat(40);
const bytes = (first: number, count: number, size = 16): StoredRecord => ({
  key: [A, first, count],
  span: { first, count },
  value: new ArrayBuffer(count * size),
});
const blob = (first: number, count: number): StoredRecord => ({
  key: [A, first, count],
  span: { first, count },
  value: new Blob([new Uint8Array(count * 16)]),
});

describe('RecentRecords', () => {
  it('finds the record holding a piece, and none for pieces outside it', () => {
    const recent = new RecentRecords(1024);
    const record = bytes(8, 4);
    recent.add(record);
    expect(recent.find(8)).toBe(record);
    expect(recent.find(11)).toBe(record);
    expect(recent.find(7)).toBeUndefined();
    expect(recent.find(12)).toBeUndefined();
  });

  it('lets the least recently used record of bytes go once over its bytes', () => {
    const recent = new RecentRecords(128);
    recent.add(bytes(0, 4));
    recent.add(bytes(4, 4));
    // Piece 1 found: the record at 4 is now the older one.
    expect(recent.find(1)).toBeDefined();
    recent.add(bytes(8, 4));
    expect(recent.bytes).toBe(128);
    expect(recent.find(5)).toBeUndefined();
    expect(recent.find(2)).toBeDefined();
    expect(recent.find(9)).toBeDefined();
  });

  it('lets records of bytes go for bytes, not the older Blob records', () => {
    const recent = new RecentRecords(128);
    const whole = blob(0, 64);
    recent.add(whole);
    recent.add(bytes(0, 4));
    recent.add(bytes(8, 4));
    recent.add(bytes(16, 4));
    expect(recent.bytes).toBe(128);
    expect(recent.find(2)).toBe(whole);
    expect(recent.find(9)).toBeDefined();
    expect(recent.find(17)).toBeDefined();
  });

  it('counts no bytes for Blob records, and keeps at most 64 records', () => {
    const recent = new RecentRecords(1024);
    for (let i = 0; i < 65; i++) recent.add(blob(i * 4, 4));
    expect(recent.bytes).toBe(0);
    expect(recent.find(0)).toBeUndefined();
    expect(recent.find(4)).toBeDefined();
    expect(recent.find(64 * 4)).toBeDefined();
  });

  it('keeps no record of bytes larger than its bytes', () => {
    const recent = new RecentRecords(32);
    recent.add(bytes(0, 4));
    expect(recent.bytes).toBe(0);
    expect(recent.find(0)).toBeUndefined();
  });

  it('finds the newest of two records holding a piece: a part read out of a Blob before the Blob', () => {
    const recent = new RecentRecords(1024);
    const whole = blob(0, 8);
    recent.add(whole);
    const part = bytes(2, 4);
    recent.add(part);
    expect(recent.find(3)).toBe(part);
    expect(recent.find(1)).toBe(whole);
    expect(recent.find(7)).toBe(whole);
  });

  it('forgets everything on clear', () => {
    const recent = new RecentRecords(64);
    recent.add(bytes(0, 1));
    recent.clear();
    expect(recent.find(0)).toBeUndefined();
    expect(recent.bytes).toBe(0);
  });
});

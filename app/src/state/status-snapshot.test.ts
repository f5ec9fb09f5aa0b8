import { describe, expect, it } from 'vitest';
import type { TorrentStatus } from '../../shared/engine-api';
import { sampleRecord } from '../../shared/sample-record';
import { storedStatus } from '../../shared/stored-status';
import { forgetSnapshot, readSnapshot, writeSnapshot } from './status-snapshot';

/** localStorage's interface over a Map, with an optional quota in entries. */
class MemoryStorage implements Storage {
  readonly #items = new Map<string, string>();
  constructor(readonly quota = Infinity) {}
  get length() {
    return this.#items.size;
  }
  key(i: number) {
    return [...this.#items.keys()][i] ?? null;
  }
  getItem(key: string) {
    return this.#items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    if (!this.#items.has(key) && this.#items.size >= this.quota) throw new DOMException('full', 'QuotaExceededError');
    this.#items.set(key, value);
  }
  removeItem(key: string) {
    this.#items.delete(key);
  }
  clear() {
    this.#items.clear();
  }
}

/** A stored torrent's status, with `files` copies of its first file. */
function status(infoHash: string, files = 1): TorrentStatus {
  const base = storedStatus(sampleRecord(infoHash, 1), [0, 1, 2]);
  const first = base.files[0];
  if (!first) throw new Error('the sample record has files');
  return { ...base, files: Array.from({ length: files }, (_, index) => ({ ...first, index })) };
}

const IH = 'a'.repeat(40);

describe('status snapshots', () => {
  it('gives back the status a page showed, and forgets it on removal', () => {
    const storage = new MemoryStorage();
    writeSnapshot(status(IH), storage);
    expect(readSnapshot(IH, storage)?.files[0]?.name).toBe('a.mp4');
    forgetSnapshot(IH, storage);
    expect(readSnapshot(IH, storage)).toBeUndefined();
  });

  it("names the torrent's main media file for index.html's early script, or none", () => {
    const storage = new MemoryStorage();
    writeSnapshot(status(IH), storage);
    expect(JSON.parse(storage.getItem(`btstream:status:${IH}`) ?? '{}')).toMatchObject({ mainFile: 0 });
    // Two files of the same size: neither holds the torrent on its own.
    writeSnapshot(status(IH, 3), storage);
    expect(JSON.parse(storage.getItem(`btstream:status:${IH}`) ?? '{}')).toMatchObject({ mainFile: null });
  });

  it('keeps nothing for a torrent without files yet, or with very many', () => {
    const storage = new MemoryStorage();
    writeSnapshot(status(IH, 0), storage);
    writeSnapshot(status('b'.repeat(40), 501), storage);
    expect(storage.length).toBe(0);
  });

  it('keeps the 30 newest and drops the oldest', () => {
    const storage = new MemoryStorage();
    for (let i = 0; i < 35; i++) writeSnapshot(status(i.toString(16).padStart(40, '0')), storage, 1000 + i);
    expect(storage.length).toBe(30);
    expect(readSnapshot('0'.repeat(40), storage)).toBeUndefined();
    expect(readSnapshot((34).toString(16).padStart(40, '0'), storage)).toBeDefined();
  });

  it('ignores what is not a snapshot of that torrent, and a full storage', () => {
    const storage = new MemoryStorage(0);
    expect(() => writeSnapshot(status(IH), storage)).not.toThrow();
    const other = new MemoryStorage();
    other.setItem(`btstream:status:${IH}`, '{not json');
    expect(readSnapshot(IH, other)).toBeUndefined();
    other.setItem(`btstream:status:${IH}`, JSON.stringify({ savedAt: 1, status: status('c'.repeat(40)) }));
    expect(readSnapshot(IH, other)).toBeUndefined();
  });
});

import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openDb } from '../app/shared/db';
import { deleteTorrent, putRecord } from '../app/shared/records';
import { sampleRecord } from '../app/shared/sample-record';
import { takeWarmStart, warmFileStart } from './warm-start';

const IH = 'd'.repeat(40);
const VIDEO = { infoHash: IH, fileIndex: 0 };
const SUBTITLES = { infoHash: IH, fileIndex: 1 };

async function store(indexes: number[]): Promise<void> {
  const tx = (await openDb()).transaction('pieces', 'readwrite');
  await Promise.all([...indexes.map((i) => tx.store.put(new Uint8Array([i]).buffer, [IH, i])), tx.done]);
}

const firstBytes = (run: Uint8Array[] | null) => run?.map((b) => b[0]);

describe('warm file start', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  beforeEach(async () => {
    await deleteTorrent(IH);
    await putRecord(sampleRecord(IH, 1));
  });

  it('hands the file’s first stored run to the first request for that file, once', async () => {
    await store([0, 1, 2]);
    await warmFileStart(VIDEO);
    expect(firstBytes(await takeWarmStart(VIDEO, 10))).toEqual([0, 1]);
    expect(await takeWarmStart(VIDEO, 10)).toBeNull();
  });

  it('starts at the piece holding the file’s first byte and gives at most `count` pieces', async () => {
    await store([0, 1, 2]);
    await warmFileStart(SUBTITLES);
    expect(firstBytes(await takeWarmStart(SUBTITLES, 1))).toEqual([1]);
  });

  it('is taken by a request that comes while the read is still running', async () => {
    await store([0, 1]);
    const warming = warmFileStart(VIDEO);
    expect(firstBytes(await takeWarmStart(VIDEO, 10))).toEqual([0, 1]);
    await warming;
  });

  it('drops a run no request took within a few seconds', async () => {
    await store([0]);
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    await warmFileStart(VIDEO);
    vi.advanceTimersByTime(5000);
    expect(await takeWarmStart(VIDEO, 10)).toBeNull();
  });

  it('reads the main file for a torrent page that names none', async () => {
    await store([0, 1, 2]);
    await warmFileStart({ infoHash: IH, fileIndex: 'main' });
    // The subtitles' request leaves the run for the video's.
    expect(await takeWarmStart(SUBTITLES, 10)).toBeNull();
    expect(firstBytes(await takeWarmStart(VIDEO, 10))).toEqual([0, 1]);
  });

  it('reads nothing for a torrent with no main media file', async () => {
    const record = sampleRecord(IH, 1);
    const files = record.meta!.files.map((f) => ({ ...f, mimeType: 'application/octet-stream' }));
    await putRecord({ ...record, meta: { ...record.meta!, files } });
    await store([0, 1]);
    await warmFileStart({ infoHash: IH, fileIndex: 'main' });
    expect(await takeWarmStart(VIDEO, 10)).toBeNull();
  });

  it('gives nothing for another file, a file not stored, or a torrent without metadata', async () => {
    await store([0, 1]);
    await warmFileStart(VIDEO);
    expect(await takeWarmStart(SUBTITLES, 10)).toBeNull();

    await deleteTorrent(IH);
    await putRecord(sampleRecord(IH, 1));
    await warmFileStart(VIDEO);
    expect(await takeWarmStart(VIDEO, 10)).toBeNull();

    await putRecord({ ...sampleRecord(IH, 1), meta: null });
    await store([0]);
    await warmFileStart(VIDEO);
    expect(await takeWarmStart(VIDEO, 10)).toBeNull();
  });
});

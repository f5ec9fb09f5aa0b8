import { describe, expect, it } from 'vitest';
import { mainMediaFile } from './main-file';

describe('mainMediaFile', () => {
  // Listed in index order, as torrents list them.
  const file = (_index: number, length: number, mimeType: string) => ({ length, mimeType });

  it('picks a film over its sample and subtitles', () => {
    const files = [file(0, 40, 'text/plain'), file(1, 9_000, 'video/mp4'), file(2, 300, 'video/mp4'), file(3, 2, 'application/x-subrip')];
    expect(mainMediaFile(files)).toBe(1);
  });

  it('picks a single audio file', () => {
    expect(mainMediaFile([file(0, 5_000, 'audio/mpeg')])).toBe(0);
  });

  it('has none for an album of equal tracks', () => {
    expect(mainMediaFile([file(0, 100, 'audio/mpeg'), file(1, 100, 'audio/mpeg'), file(2, 100, 'audio/mpeg')])).toBeNull();
  });

  it('has none when the largest file does not play', () => {
    expect(mainMediaFile([file(0, 9_000, 'application/x-iso9660-image'), file(1, 100, 'video/mp4')])).toBeNull();
    expect(mainMediaFile([])).toBeNull();
  });
});

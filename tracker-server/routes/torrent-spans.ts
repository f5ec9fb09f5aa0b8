import type { ByteRange } from '../../app/shared/range.ts';

export interface FileSpan<F> {
  file: F;
  /** In the file's own bytes, inclusive. */
  range: ByteRange;
}

/**
 * The file parts that hold torrent bytes `range.start..range.end` (inclusive),
 * in torrent order: files are laid end to end, as the pieces see them.
 * Empty files hold no bytes and never appear.
 */
export function spansOf<F extends { offset: number; length: number }>(files: readonly F[], range: ByteRange): FileSpan<F>[] {
  const spans: FileSpan<F>[] = [];
  for (const file of files) {
    const first = Math.max(range.start, file.offset);
    const last = Math.min(range.end, file.offset + file.length - 1);
    if (first > last) continue;
    spans.push({ file, range: { start: first - file.offset, end: last - file.offset } });
  }
  return spans;
}

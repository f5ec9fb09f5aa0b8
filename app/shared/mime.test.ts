import mime from 'mime';
import otherTypes from 'mime/types/other.js';
import standardTypes from 'mime/types/standard.js';
import { describe, expect, it } from 'vitest';
import { FALLBACK_MIME, mimeTypeFor } from './mime';

describe('mimeTypeFor', () => {
  it('agrees with mime.getType for every extension mime knows', () => {
    const extensionsOf = (types: Record<string, readonly string[]>) => Object.values(types).flat();
    const extensions = [...extensionsOf(standardTypes), ...extensionsOf(otherTypes)].map((e) => e.replace(/^\*/, ''));
    expect(extensions.length).toBeGreaterThan(1000);
    for (const ext of extensions) {
      const name = `clip.${ext}`;
      expect(mimeTypeFor(name), name).toBe(mime.getType(name) ?? FALLBACK_MIME);
    }
  });

  it('types the media, subtitles and documents the viewers open', () => {
    expect(mimeTypeFor('Film.MP4')).toBe('video/mp4');
    expect(mimeTypeFor('a.webm')).toBe('video/webm');
    expect(mimeTypeFor('a.mkv')).toBe('video/x-matroska');
    expect(mimeTypeFor('a.mp3')).toBe('audio/mpeg');
    expect(mimeTypeFor('a.srt')).toBe('application/x-subrip');
    expect(mimeTypeFor('a.vtt')).toBe('text/vtt');
    expect(mimeTypeFor('a.pdf')).toBe('application/pdf');
  });

  it('reads the extension of the last path segment only', () => {
    expect(mimeTypeFor('Season 1.mp4/notes')).toBe(FALLBACK_MIME);
    expect(mimeTypeFor('dir.d/clip.webm')).toBe('video/webm');
    expect(mimeTypeFor('dir\\clip.png')).toBe('image/png');
  });

  it('falls back for names without a known extension', () => {
    expect(mimeTypeFor('README')).toBe(FALLBACK_MIME);
    expect(mimeTypeFor('mp4')).toBe(FALLBACK_MIME);
    expect(mimeTypeFor('archive.')).toBe(FALLBACK_MIME);
    expect(mimeTypeFor('data.unknownext')).toBe(FALLBACK_MIME);
  });
});

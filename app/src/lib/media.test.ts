import { describe, expect, it } from 'vitest';
import { isPlayable, playerKind } from './media';

describe('playerKind', () => {
  it('plays video and audio', () => {
    expect(playerKind('video/mp4')).toBe('video');
    expect(playerKind('Video/WebM')).toBe('video');
    expect(playerKind('audio/mpeg')).toBe('audio');
    expect(isPlayable('audio')).toBe(true);
  });

  it('views images, PDFs, text and subtitles', () => {
    expect(playerKind('image/webp')).toBe('image');
    expect(playerKind('application/pdf')).toBe('pdf');
    expect(playerKind('text/plain')).toBe('text');
    expect(playerKind('application/x-subrip')).toBe('text');
    expect(isPlayable('pdf')).toBe(false);
  });

  it('downloads everything else', () => {
    expect(playerKind('application/octet-stream')).toBeNull();
    expect(playerKind('application/zip')).toBeNull();
    expect(playerKind('')).toBeNull();
  });
});


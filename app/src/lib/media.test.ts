import { describe, expect, it } from 'vitest';
import { playerKind } from './media';

describe('playerKind', () => {
  it('plays video and audio', () => {
    expect(playerKind('video/mp4')).toBe('video');
    expect(playerKind('Video/WebM')).toBe('video');
    expect(playerKind('audio/mpeg')).toBe('audio');
  });

  it('opens everything else', () => {
    expect(playerKind('application/octet-stream')).toBeNull();
    expect(playerKind('text/plain')).toBeNull();
    expect(playerKind('')).toBeNull();
  });
});

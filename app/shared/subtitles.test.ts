import { describe, expect, it } from 'vitest';
import { srtToVtt, subtitlesFor } from './subtitles';

describe('srtToVtt', () => {
  it('adds the header and uses dots for milliseconds', () => {
    const srt = '\uFEFF1\r\n00:00:01,000 --> 00:00:02,500\r\nHello, world\r\n\r\n2\r\n00:01:00,250 --> 00:01:02,000\r\nBye\r\n';
    expect(srtToVtt(srt)).toBe(
      'WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.500\nHello, world\n\n2\n00:01:00.250 --> 00:01:02.000\nBye\n',
    );
  });

  it('leaves commas in the text alone', () => {
    expect(srtToVtt('1\n00:00:01,000 --> 00:00:02,000\n12,345 apples')).toContain('12,345 apples');
  });
});

describe('subtitlesFor', () => {
  const files = [
    { index: 0, path: 'Film/Movie.mp4' },
    { index: 1, path: 'Film/Movie.en.srt' },
    { index: 2, path: 'Film/commentary.vtt' },
    { index: 3, path: 'Film/Extras/Movie.fr.srt' },
    { index: 4, path: 'Film/notes.txt' },
  ];

  it('offers subtitle files from the same folder, those named after the video first', () => {
    expect(subtitlesFor('Film/Movie.mp4', files)).toEqual([
      { index: 1, label: 'en', format: 'srt' },
      { index: 2, label: 'commentary', format: 'vtt' },
    ]);
  });

  it('labels an exact-name match plainly', () => {
    expect(subtitlesFor('a.mp4', [{ index: 1, path: 'a.srt' }])).toEqual([{ index: 1, label: 'Subtitles', format: 'srt' }]);
  });
});

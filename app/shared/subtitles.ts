/** Subtitles: SRT to WebVTT, and which subtitle files go with a video. */

/** Converts SubRip text to WebVTT: header, dot as decimal mark, numeric cue ids kept. */
export function srtToVtt(srt: string): string {
  const body = srt
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/(\d{2}:\d{2}:\d{2}),(\d{3})/g, '$1.$2')
    .trim();
  return `WEBVTT\n\n${body}\n`;
}

export interface SubtitleCandidate {
  index: number;
  path: string;
}

export interface SubtitleTrack {
  index: number;
  /** What the viewer sees in the captions menu, e.g. "en" or "Movie (forced)". */
  label: string;
  format: 'srt' | 'vtt';
}

const SUBTITLE = /\.(srt|vtt)$/i;

const dirOf = (path: string): string => path.slice(0, path.lastIndexOf('/') + 1);
const baseOf = (path: string): string => path.slice(path.lastIndexOf('/') + 1).replace(/\.[^.]+$/, '');

/**
 * The subtitle files in the same folder as the video, those named after it
 * first ("Movie.en.srt" for "Movie.mp4" is labelled "en").
 */
export function subtitlesFor(videoPath: string, files: SubtitleCandidate[]): SubtitleTrack[] {
  const dir = dirOf(videoPath);
  const base = baseOf(videoPath).toLowerCase();
  return files
    .filter((f) => SUBTITLE.test(f.path) && dirOf(f.path) === dir)
    .map((f) => {
      const name = baseOf(f.path);
      const matches = name.toLowerCase().startsWith(base);
      const rest = matches ? name.slice(base.length).replace(/^[.\s_-]+/, '') : name;
      return {
        index: f.index,
        label: rest || 'Subtitles',
        format: f.path.toLowerCase().endsWith('.vtt') ? ('vtt' as const) : ('srt' as const),
        matches,
      };
    })
    .sort((a, b) => Number(b.matches) - Number(a.matches) || a.label.localeCompare(b.label))
    .map(({ index, label, format }) => ({ index, label, format }));
}

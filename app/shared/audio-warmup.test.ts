import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { parseRoute } from '../src/lib/routes';
import { AUDIO_WARMUP_GLOBAL, AUDIO_WARMUP_RELEASE_MS, audioWarmupScript, magnetName, mayPlaySound, opensToPlay, silentWav } from './audio-warmup';

interface FakeClip {
  preload?: string;
  src?: string;
  removed: string[];
  loads: number;
}

/** Runs the script at `pathname` (with `search`) against stand-ins for the globals it touches. */
function run(pathname: string, withAudio = true, search = '') {
  const clips: FakeClip[] = [];
  const timers: { fn: () => void; ms: number }[] = [];
  class FakeAudio implements FakeClip {
    preload?: string;
    src?: string;
    removed: string[] = [];
    loads = 0;
    constructor() {
      clips.push(this);
    }
    removeAttribute(name: string) {
      this.removed.push(name);
    }
    load() {
      this.loads++;
    }
  }
  const self: Record<string, unknown> = {};
  runInNewContext(audioWarmupScript(), {
    self,
    location: { pathname, search },
    URLSearchParams,
    Audio: withAudio ? FakeAudio : undefined,
    setTimeout: (fn: () => void, ms: number) => timers.push({ fn, ms }),
  });
  return { clips, timers, self };
}

describe('opensToPlay', () => {
  it('is true for the pages that open a player, as the router reads them', () => {
    for (const path of ['/add', '/add/', '/t/abc', '/t/abc/']) {
      expect(opensToPlay(path)).toBe(true);
      expect(['add', 'torrent']).toContain(parseRoute(new URL(path, 'http://x')).name);
    }
    for (const path of ['/', '/library', '/settings', '/t/', '/t/a/b', '/stream/abc/0', '/address']) {
      expect(opensToPlay(path)).toBe(false);
      expect(['add', 'torrent']).not.toContain(parseRoute(new URL(path, 'http://x')).name);
    }
  });
});

const magnet = (dn?: string) =>
  `magnet:?xt=urn:btih:${'a'.repeat(40)}${dn === undefined ? '' : `&dn=${encodeURIComponent(dn)}`}&tr=${encodeURIComponent('wss://t.example/')}`;

describe('mayPlaySound', () => {
  it('is false only for names of what nothing plays', () => {
    for (const name of ['ubuntu-24.04-desktop-amd64.iso', 'random-256MiB.bin', 'Photos.ZIP', 'book.epub ', 'scan.pdf']) {
      expect(mayPlaySound(name)).toBe(false);
    }
    // A film, an album, a season's folder, a name with dots but no known extension, or none at all.
    for (const name of ['Sintel.2010.1080p.mkv', 'Album [FLAC]', 'Show.S01.720p.x264-GRP', 'Big.Buck.Bunny', 'iso', '', null]) {
      expect(mayPlaySound(name)).toBe(true);
    }
  });
});

describe('magnetName', () => {
  it("reads a magnet's dn, and nothing else's", () => {
    expect(magnetName(magnet('Sintel 2010.mkv'))).toBe('Sintel 2010.mkv');
    expect(magnetName(magnet())).toBeNull();
    expect(magnetName('a'.repeat(40))).toBeNull();
    expect(magnetName('https://example.com/x.torrent?dn=y.iso')).toBeNull();
  });
});

describe('silentWav', () => {
  it('is a valid 10 ms PCM WAV of zeros', () => {
    const wav = silentWav();
    const view = new DataView(wav.buffer);
    const text = (at: number) => String.fromCharCode(...wav.subarray(at, at + 4));
    expect([text(0), text(8), text(12), text(36)]).toEqual(['RIFF', 'WAVE', 'fmt ', 'data']);
    expect(view.getUint32(4, true)).toBe(wav.length - 8);
    expect(view.getUint16(20, true)).toBe(1);
    const rate = view.getUint32(24, true);
    const dataBytes = view.getUint32(40, true);
    expect(dataBytes / view.getUint16(32, true) / rate).toBeCloseTo(0.01);
    expect(wav.length).toBe(44 + dataBytes);
    expect(wav.subarray(44).every((b) => b === 0)).toBe(true);
  });
});

describe('audioWarmupScript', () => {
  it('loads the silent clip, paused, on a page that opens a player, and lets it go later', () => {
    const { clips, timers, self } = run('/t/abc');
    expect(clips).toHaveLength(1);
    const clip = clips[0] as FakeClip;
    expect(clip.preload).toBe('auto');
    const wav = Buffer.from(silentWav()).toString('base64');
    expect(clip.src).toBe(`data:audio/wav;base64,${wav}`);
    const state = self[AUDIO_WARMUP_GLOBAL] as { clip: FakeClip | null; warm: () => void };
    expect(state.clip).toBe(clip);
    expect(timers.map((t) => t.ms)).toEqual([AUDIO_WARMUP_RELEASE_MS]);
    timers[0]?.fn();
    expect(clip.removed).toEqual(['src']);
    expect(clip.loads).toBe(1);
    expect(state.clip).toBeNull();
  });

  it('on /add, loads it unless the magnet is named like something nothing plays, as mayPlaySound says', () => {
    const names = ['disk.iso', 'random-256MiB.bin', 'Film.mkv', 'Season 1', undefined];
    for (const dn of names) {
      const { clips } = run('/add', true, `?uri=${encodeURIComponent(magnet(dn))}`);
      expect(clips.length === 1, String(dn)).toBe(mayPlaySound(dn ?? null));
    }
    // A .torrent link's name is not known until it is fetched.
    expect(run('/add', true, `?uri=${encodeURIComponent('https://example.com/disk.iso.torrent')}`).clips).toHaveLength(1);
  });

  it('elsewhere loads nothing until the app asks, and then one clip at a time', () => {
    const { clips, self } = run('/library');
    expect(clips).toEqual([]);
    const state = self[AUDIO_WARMUP_GLOBAL] as { warm: () => void };
    state.warm();
    state.warm();
    expect(clips).toHaveLength(1);
  });

  it('never throws from warm(), which the app calls on every add', () => {
    const self: Record<string, unknown> = {};
    runInNewContext(audioWarmupScript(), {
      self,
      location: { pathname: '/library' },
      Audio: class {
        constructor() {
          throw new Error('media blocked');
        }
      },
      setTimeout: () => 0,
    });
    expect(() => (self[AUDIO_WARMUP_GLOBAL] as { warm: () => void }).warm()).not.toThrow();
  });

  it('does nothing without Audio', () => {
    const { clips, self } = run('/add', false);
    expect(clips).toEqual([]);
    expect(self[AUDIO_WARMUP_GLOBAL]).toBeUndefined();
  });
});

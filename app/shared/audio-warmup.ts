/**
 * Chromium starts its audio service on first use, and a media element with
 * an audio track waits for it (the output device's parameters) before it
 * shows its first video frame: 50-70 ms in a Chromium just started on a quiet
 * machine, 306 ms in a traced first-frame run under load. A page opened to
 * play something (an added link, a torrent's page, a file's link) loads a
 * silent clip from index.html's inline script, paused, so that the service is
 * up by the time the film's element asks. Nothing is played.
 */
export const AUDIO_WARMUP_GLOBAL = '__btAudioWarmup';

/** Pages opened to play: /add?uri=… and /t/<infoHash>, with or without ?play=. */
const PLAYING_PAGE = /^\/(add|t\/[^/]+)\/?$/;

/** Long enough for any start-up; then the clip's element lets go of its pipeline. */
export const AUDIO_WARMUP_RELEASE_MS = 30_000;

export function opensToPlay(pathname: string): boolean {
  return PLAYING_PAGE.test(pathname);
}

/**
 * Names of what nothing plays: archives, disk images, documents, pictures.
 * Starting the audio service costs Chromium ~0.2 CPU-s and a process launch
 * while the app itself starts (bench/profile-bridge.ts, warm bridge, 256 MiB
 * .bin, 4 interleaved runs: 91 -> 101 MB/s without it), so a link named
 * like one of these skips the warm-up. Any other name, or none, may be a film.
 */
const SILENT_NAME = /\.(?:7z|apk|azw3|bin|bz2|cbr|cbz|deb|dmg|docx?|epub|exe|gif|gz|img|iso|jar|jpe?g|mobi|msi|nfo|pdf|png|rar|rpm|srt|tar|tgz|txt|vtt|webp|xz|zip|zst)$/i;

/** Whether a torrent of this display name may hold something to play with sound (null: unknown, so it may). */
export function mayPlaySound(name: string | null): boolean {
  return name === null || !SILENT_NAME.test(name.trim());
}

/** A magnet's display name (dn), or null for anything else. */
export function magnetName(uri: string): string | null {
  if (!/^magnet:\?/i.test(uri)) return null;
  return new URLSearchParams(uri.slice(uri.indexOf('?') + 1)).get('dn');
}

/** 10 ms of silence as a WAV file (PCM, 8 kHz, 16-bit, mono). */
export function silentWav(): Uint8Array {
  const rate = 8000;
  const samples = rate / 100;
  const bytes = new Uint8Array(44 + samples * 2);
  const view = new DataView(bytes.buffer);
  const ascii = (at: number, text: string) => {
    for (let i = 0; i < text.length; i++) view.setUint8(at + i, text.charCodeAt(i));
  };
  ascii(0, 'RIFF');
  view.setUint32(4, bytes.length - 8, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // channels
  view.setUint32(24, rate, true);
  view.setUint32(28, rate * 2, true); // bytes per second
  view.setUint16(32, 2, true); // bytes per frame
  view.setUint16(34, 16, true); // bits per sample
  ascii(36, 'data');
  view.setUint32(40, samples * 2, true);
  return bytes;
}

function dataUrl(type: string, bytes: Uint8Array): string {
  return `data:${type};base64,${btoa(String.fromCharCode(...bytes))}`;
}

/** What the inline script leaves on `self`, for the app to warm up again when it adds a torrent itself. */
export interface AudioWarmup {
  /** Loads the clip unless it is already held; it is let go after AUDIO_WARMUP_RELEASE_MS. */
  warm(): void;
  /** The clip while held. */
  clip: HTMLAudioElement | null;
}

/** The inline script's part. Plain ES5, and it never throws: without it the film only starts a little later. */
export function audioWarmupScript(): string {
  return [
    '(function () {',
    '  try {',
    "    if (typeof Audio === 'undefined') return;",
    '    var state = { clip: null, warm: warm };',
    // warm() never throws either: the app calls it on every add.
    '    function warm() {',
    '      try {',
    '        if (state.clip) return;',
    '        var clip = new Audio();',
    "        clip.preload = 'auto';",
    `        clip.src = ${JSON.stringify(dataUrl('audio/wav', silentWav()))};`,
    // Held, so the element is not collected before its pipeline has asked for the device.
    '        state.clip = clip;',
    '        setTimeout(function () {',
    "          clip.removeAttribute('src');",
    '          clip.load();',
    '          state.clip = null;',
    `        }, ${AUDIO_WARMUP_RELEASE_MS});`,
    '      } catch (e) {}',
    '    }',
    `    self[${JSON.stringify(AUDIO_WARMUP_GLOBAL)}] = state;`,
    // /add?uri=<magnet> of a file nothing plays (mayPlaySound) leaves the service alone.
    '    var name = null;',
    '    try {',
    "      var uri = new URLSearchParams(location.search).get('uri');",
    "      if (uri && /^magnet:\\?/i.test(uri)) name = new URLSearchParams(uri.slice(uri.indexOf('?') + 1)).get('dn');",
    '    } catch (e) {}',
    `    var silent = name !== null && new RegExp(${JSON.stringify(SILENT_NAME.source)}, 'i').test(name.trim());`,
    `    if (new RegExp(${JSON.stringify(PLAYING_PAGE.source)}).test(location.pathname) && !silent) warm();`,
    '  } catch (e) {}',
    '})();',
  ].join('\n');
}

/**
 * Warms up again for a torrent added from within the app (paste, the add
 * box, a dropped file), unless its name says nothing in it plays; a no-op in
 * dev, which has no inline script.
 */
export function warmAudioOutput(name: string | null): void {
  if (!mayPlaySound(name)) return;
  (self as unknown as Record<string, AudioWarmup | undefined>)[AUDIO_WARMUP_GLOBAL]?.warm();
}

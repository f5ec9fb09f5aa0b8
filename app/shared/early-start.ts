import { ENGINE_PORT_MESSAGE } from './engine-api';
import { FILE_INDEX, TORRENT_PAGE_PATH } from './play-link';

/**
 * index.html starts the engine worker, registers the service worker and
 * requests the engine's config from a small inline script, so all three load
 * while the app's own bundle does instead of after it. The app adopts that worker (app/src/engine/early-engine.ts)
 * and its own registration of the service worker finds this one.
 * On a play link (/t/<ih>?play=<n>|main) to a stored video it also starts the
 * video, and on a torrent's page alone it loads its main video, if wholly
 * stored, paused for the Play button: the app's player adopts either
 * (app/src/engine/early-video.ts).
 */
export const EARLY_ENGINE_GLOBAL = '__btEarlyEngine';
export const EARLY_ENGINE_MARK = 'bt:page:worker-created';
/** The service worker's script, at the root so its scope is the whole app. */
export const SERVICE_WORKER_URL = '/sw.js';
/** The server's settings for the engine (app/src/engine/config.ts), requested early while online. */
export const ENGINE_CONFIG_URL = '/api/config';
export const EARLY_CONFIG_GLOBAL = '__btEarlyConfig';

/**
 * The inline script's request for the engine's config. Its body is kept once
 * parsed, so the app can read it without waiting for a task of its own: by
 * the time the bundle runs, it is usually in (app/src/engine/config.ts).
 */
export interface EarlyConfig {
  /** The parsed JSON body; undefined until it is in, null if the request failed. */
  body: unknown;
  /** Settles with the body (null on failure); never rejects. */
  done: Promise<unknown>;
}

export const EARLY_VIDEO_GLOBAL = '__btEarlyVideo';
export const EARLY_VIDEO_MARK = 'bt:page:video-created';
/** The app's per-torrent status snapshots (app/src/state/status-snapshot.ts): they give the file's type and name. */
export const STATUS_SNAPSHOT_PREFIX = 'btstream:status:';
/** An early video no player adopted stops loading after this. */
export const EARLY_VIDEO_TTL_MS = 10_000;

/**
 * A muted video of one file, loading from the service worker inside <head>,
 * which is never rendered; a play link's is shown before the app mounts
 * (app/src/engine/early-stage.ts).
 */
export interface EarlyVideo {
  infoHash: string;
  fileIndex: number;
  video: HTMLVideoElement;
  /** Whether the page's snapshot had the file wholly stored: then it plays without the engine. */
  stored: boolean;
}

export interface EarlyEngine {
  worker: Worker;
  /** The worker's load error, if it failed before the app listened. */
  error: string | null;
  /** The engine's port (EnginePortMessage), if it came before the app listened. */
  port: MessagePort | null;
}

/** The inline script's source. Plain ES5, and it never throws: the app starts both itself if this did not. */
export function earlyStartScript(workerUrl: string): string {
  return [
    '(function () {',
    '  try {',
    "    if ('serviceWorker' in navigator) {",
    `      navigator.serviceWorker.register(${JSON.stringify(SERVICE_WORKER_URL)}, { scope: '/' }).catch(function () {});`,
    '    }',
    "    if (navigator.onLine && typeof fetch === 'function') {",
    '      var config = { body: undefined, done: null };',
    `      config.done = fetch(${JSON.stringify(ENGINE_CONFIG_URL)})`,
    '        .then(function (r) { return r.ok ? r.json() : null; })',
    '        .then(null, function () { return null; })',
    '        .then(function (body) { config.body = body; return body; });',
    `      self[${JSON.stringify(EARLY_CONFIG_GLOBAL)}] = config;`,
    '    }',
    ...earlyVideoLines(),
    // Offline there is no peer to reach: the app starts the engine once a video has started (connect.ts).
    "    if (typeof Worker === 'undefined' || !navigator.onLine) return;",
    `    var worker = new Worker(${JSON.stringify(workerUrl)}, { type: 'module', name: 'engine' });`,
    '    var boot = { worker: worker, error: null, port: null };',
    "    worker.addEventListener('error', function (e) { boot.error = e.message || 'unknown error'; });",
    "    worker.addEventListener('message', function (e) {",
    `      if (e.data && e.data.type === ${JSON.stringify(ENGINE_PORT_MESSAGE)}) boot.port = e.data.port;`,
    '    });',
    `    self[${JSON.stringify(EARLY_ENGINE_GLOBAL)}] = boot;`,
    `    performance.mark(${JSON.stringify(EARLY_ENGINE_MARK)});`,
    '  } catch (e) {}',
    '})();',
  ].join('\n');
}

/**
 * Starts the video only where it can play at once: a service worker serves
 * /stream/ already, and the page's last snapshot says the file is a video
 * (with its name, so the URL is the player's own, app/shared/stream-url.ts).
 * A play link's video plays (muted, as the player's own); a torrent page's
 * main video, only if the snapshot has it wholly stored, just loads, so Play
 * finds its first frame decoded.
 */
function earlyVideoLines(): string[] {
  return [
    '    try {',
    `      var link = new RegExp(${JSON.stringify(TORRENT_PAGE_PATH.source)}).exec(location.pathname);`,
    "      var play = new URLSearchParams(location.search).get('play');",
    '      var sw = navigator.serviceWorker;',
    '      if (link && sw && sw.controller) {',
    '        var infoHash = link[1].toLowerCase();',
    `        var snap = JSON.parse(localStorage.getItem(${JSON.stringify(STATUS_SNAPSHOT_PREFIX)} + infoHash) || 'null');`,
    `        var numbered = play !== null && new RegExp(${JSON.stringify(FILE_INDEX.source)}).test(play);`,
    "        var index = numbered ? Number(play) : play === null || play === 'main' ? snap && snap.mainFile : null;",
    '        var files = (snap && snap.status && snap.status.files) || [];',
    '        var file = null;',
    "        for (var i = 0; i < files.length; i++) if (files[i] && typeof index === 'number' && files[i].index === index) file = files[i];",
    "        var isVideo = file && typeof file.mimeType === 'string' && /^video\\//.test(file.mimeType.trim().toLowerCase());",
    '        if (isVideo && (play !== null || file.progress === 1)) {',
    "          var video = document.createElement('video');",
    '          video.muted = true;',
    '          video.autoplay = play !== null;',
    '          video.playsInline = true;',
    "          video.preload = 'auto';",
    "          video.src = '/stream/' + infoHash + '/' + index + (file.name ? '/' + encodeURIComponent(file.name) : '');",
    '          document.head.appendChild(video);',
    '          var early = { infoHash: infoHash, fileIndex: index, video: video, stored: file.progress === 1 };',
    `          self[${JSON.stringify(EARLY_VIDEO_GLOBAL)}] = early;`,
    `          performance.mark(${JSON.stringify(EARLY_VIDEO_MARK)});`,
    '          setTimeout(function () {',
    `            if (self[${JSON.stringify(EARLY_VIDEO_GLOBAL)}] !== early) return;`,
    `            delete self[${JSON.stringify(EARLY_VIDEO_GLOBAL)}];`,
    "            video.removeAttribute('src');",
    '            video.load();',
    '            video.remove();',
    `          }, ${EARLY_VIDEO_TTL_MS});`,
    '        }',
    '      }',
    '    } catch (e) {}',
  ];
}

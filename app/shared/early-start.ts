/**
 * index.html starts the engine worker, registers the service worker and
 * preloads the engine's config from a small inline script, so all three load
 * while the app's own bundle does instead of after it. The app adopts that worker (app/src/engine/early-engine.ts)
 * and its own registration of the service worker finds this one.
 */
export const EARLY_ENGINE_GLOBAL = '__btEarlyEngine';
export const EARLY_ENGINE_MARK = 'bt:page:worker-created';
/** The service worker's script, at the root so its scope is the whole app. */
export const SERVICE_WORKER_URL = '/sw.js';
/** The server's settings for the engine (app/src/engine/config.ts), preloaded while online. */
export const ENGINE_CONFIG_URL = '/api/config';

export interface EarlyEngine {
  worker: Worker;
  /** The worker's load error, if it failed before the app listened. */
  error: string | null;
}

/** The inline script's source. Plain ES5, and it never throws: the app starts both itself if this did not. */
export function earlyStartScript(workerUrl: string): string {
  return [
    '(function () {',
    '  try {',
    "    if ('serviceWorker' in navigator) {",
    `      navigator.serviceWorker.register(${JSON.stringify(SERVICE_WORKER_URL)}, { scope: '/' }).catch(function () {});`,
    '    }',
    '    if (navigator.onLine) {',
    "      var config = document.createElement('link');",
    "      config.rel = 'preload';",
    "      config.as = 'fetch';",
    "      config.crossOrigin = 'anonymous';",
    `      config.href = ${JSON.stringify(ENGINE_CONFIG_URL)};`,
    '      document.head.appendChild(config);',
    '    }',
    // Offline there is no peer to reach: the app starts the engine once a video has started (connect.ts).
    "    if (typeof Worker === 'undefined' || !navigator.onLine) return;",
    `    var worker = new Worker(${JSON.stringify(workerUrl)}, { type: 'module', name: 'engine' });`,
    '    var boot = { worker: worker, error: null };',
    "    worker.addEventListener('error', function (e) { boot.error = e.message || 'unknown error'; });",
    `    self[${JSON.stringify(EARLY_ENGINE_GLOBAL)}] = boot;`,
    `    performance.mark(${JSON.stringify(EARLY_ENGINE_MARK)});`,
    '  } catch (e) {}',
    '})();',
  ].join('\n');
}

import type { Plugin } from 'vite';
import { audioWarmupScript } from '../app/shared/audio-warmup';
import { earlyStartScript } from '../app/shared/early-start';

/** The built engine worker: Vite emits it as an asset named after its entry, app/engine/worker.ts. */
const WORKER_ASSET = /^assets\/worker-[\w-]+\.js$/;

/**
 * Puts the engine worker's start, the service worker's registration and the
 * audio service's warm-up into index.html's head (see app/shared/early-start.ts
 * and app/shared/audio-warmup.ts). Build only: in dev the app starts both
 * workers itself, and nothing warms the audio output up.
 */
export function earlyStart(): Plugin {
  let base = '/';
  return {
    name: 'bt-early-start',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const workers = Object.keys(ctx.bundle ?? {}).filter((file) => WORKER_ASSET.test(file));
        if (workers.length !== 1) {
          throw new Error(`early start: expected one built engine worker, found ${workers.length}: ${workers.join(', ')}`);
        }
        // Right after <title>: before the app's stylesheet, which an inline script would wait for.
        const at = html.indexOf('</title>');
        if (at < 0) throw new Error('early start: index.html has no <title>');
        const code = `${earlyStartScript(`${base}${workers[0]}`)}\n${audioWarmupScript()}`;
        const script = `\n    <script>\n${code}\n    </script>`;
        const end = at + '</title>'.length;
        return html.slice(0, end) + script + html.slice(end);
      },
    },
  };
}

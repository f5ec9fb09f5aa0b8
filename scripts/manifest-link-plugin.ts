import type { Plugin } from 'vite';

const MANIFEST_LINK = /<link\s+rel="manifest"[^>]*>\s*/g;

/** `html` without its <link rel="manifest">. */
export function withoutManifestLink(html: string): string {
  return html.replace(MANIFEST_LINK, '');
}

/**
 * vite-plugin-pwa writes a <link rel="manifest"> into index.html, and the
 * browser then reads the manifest and its icons while the page starts; the
 * app links it itself once the start is over (app/src/lib/manifest-link.ts).
 * Runs after vite-plugin-pwa's own transform, which is enforced 'post' too.
 */
export function deferManifestLink(): Plugin {
  return {
    name: 'btstream:defer-manifest-link',
    enforce: 'post',
    transformIndexHtml: { order: 'post', handler: withoutManifestLink },
  };
}

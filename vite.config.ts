import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';
import { MANIFEST_PATH } from './app/shared/app-shell-contract';
import { SHARE_FILES_FIELD, SHARE_TARGET_PATH } from './app/shared/share-contract';
import { earlyStart } from './scripts/early-start-plugin';
import { iconSpritePlugin } from './scripts/icon-sprite-plugin';
import { deferManifestLink } from './scripts/manifest-link-plugin';
import { precompress } from './scripts/precompress-plugin';

// The app lives in app/, the service worker in sw/; both build into dist/.
export default defineConfig({
  root: 'app',
  publicDir: '../public',
  build: {
    outDir: '../dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
  },
  worker: {
    format: 'es',
  },
  plugins: [
    svelte(),
    earlyStart(),
    iconSpritePlugin(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: '../sw',
      filename: 'sw.ts',
      injectRegister: false,
      manifestFilename: MANIFEST_PATH.slice(1),
      manifest: {
        id: '/',
        name: 'BT Stream',
        short_name: 'BT Stream',
        description: 'Paste a magnet link and watch while it downloads.',
        lang: 'en',
        theme_color: '#1b1f27',
        background_color: '#1b1f27',
        display: 'standalone',
        start_url: '/',
        scope: '/',
        categories: ['entertainment', 'utilities'],
        // PNGs are made from the SVGs by scripts/icons.ts.
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: '/icons/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
        ],
        // Captured from the real app by scripts/screenshots.ts; JPEG so the precache (PNGs) skips them.
        screenshots: [
          {
            src: '/screenshots/narrow.jpg',
            sizes: '390x844',
            type: 'image/jpeg',
            form_factor: 'narrow',
            label: 'A torrent’s video playing on a phone while it downloads',
          },
          {
            src: '/screenshots/wide.jpg',
            sizes: '1280x800',
            type: 'image/jpeg',
            form_factor: 'wide',
            label: 'Watching a torrent in the browser while it downloads',
          },
        ],
        protocol_handlers: [{ protocol: 'magnet', url: '/add?uri=%s' }],
        // One target takes both: the service worker keeps files and turns text into /add?text=….
        share_target: {
          action: SHARE_TARGET_PATH,
          method: 'POST',
          enctype: 'multipart/form-data',
          params: {
            title: 'title',
            text: 'text',
            url: 'url',
            files: [{ name: SHARE_FILES_FIELD, accept: ['application/x-bittorrent', '.torrent'] }],
          },
        },
        file_handlers: [{ action: '/add?launch=files', accept: { 'application/x-bittorrent': ['.torrent'] } }],
      },
      injectManifest: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
      },
      devOptions: { enabled: false },
    }),
    // After vite-plugin-pwa has linked the manifest in index.html.
    deferManifestLink(),
    // Last: after the service worker is written.
    precompress(),
  ],
});

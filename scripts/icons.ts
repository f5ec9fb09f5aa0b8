/**
 * Renders the app icons (public/icons/*.png) from their SVG sources. The PNGs
 * are committed; run this again after changing an SVG:  npx tsx scripts/icons.ts
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Resvg } from '@resvg/resvg-js';

const ICONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'public', 'icons');

/** Output file, SVG source, width in pixels. */
const OUTPUTS: [string, string, number][] = [
  // The tab icon (index.html).
  ['icon-32.png', 'icon.svg', 32],
  ['icon-192.png', 'icon.svg', 192],
  ['icon-512.png', 'icon.svg', 512],
  ['maskable-512.png', 'maskable.svg', 512],
  // iOS rounds the corners itself and shows transparency as black: give it the full-bleed one.
  ['apple-touch-icon.png', 'maskable.svg', 180],
];

for (const [output, source, width] of OUTPUTS) {
  const svg = await readFile(path.join(ICONS_DIR, source));
  const png = new Resvg(svg, { fitTo: { mode: 'width', value: width } }).render().asPng();
  await writeFile(path.join(ICONS_DIR, output), png);
  console.log(`${output}: ${width}×${width}, ${png.byteLength} bytes`);
}

/**
 * The app's icons: its name for each, and the Lucide icon drawn for it.
 * scripts/icon-sprite-plugin.ts puts each into index.html once, as an SVG
 * <symbol>, and Icon.svelte refers to it; building every icon's elements at
 * each use cost the first render of a torrent's page ~10 ms (traced).
 */
export const ICONS = {
  down: 'arrow-down',
  up: 'arrow-up',
  peers: 'users',
  play: 'play',
  open: 'external-link',
  trash: 'trash-2',
  close: 'x',
  file: 'file',
  back: 'chevron-left',
  magnet: 'magnet',
  settings: 'settings',
} as const;

export type IconName = keyof typeof ICONS;

/** The id of an icon's <symbol> in index.html. */
export const iconSymbolId = (name: IconName): string => `icon-${name}`;

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Plugin } from 'vite';
import { ICONS, iconSymbolId, type IconName } from '../app/src/lib/icons';

type IconNode = [tag: string, attrs: Record<string, string | number>][];

const require = createRequire(import.meta.url);
const escape = (value: string): string => value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

/** A Lucide icon's elements, read from @lucide/svelte's own file for it (its `iconData`). */
export function lucideIconNode(lucideName: string): IconNode {
  // `@lucide/svelte/icons/<name>` resolves to a .js that re-exports a .svelte beside it (another name's, for an alias).
  const entry = require.resolve(`@lucide/svelte/icons/${lucideName}`);
  const component = /from "(\.\/[\w-]+\.svelte)"/.exec(readFileSync(entry, 'utf8'))?.[1];
  if (!component) throw new Error(`icon sprite: ${entry} exports no .svelte icon`);
  const file = path.join(path.dirname(entry), component);
  const found = /const iconData = (\{.*\});/.exec(readFileSync(file, 'utf8'));
  if (!found?.[1]) throw new Error(`icon sprite: no iconData in ${file}`);
  const { node } = JSON.parse(found[1]) as { node?: IconNode };
  if (!Array.isArray(node) || node.length === 0) throw new Error(`icon sprite: ${lucideName} has no elements`);
  return node;
}

/** One <symbol> per icon of icons.ts, in a hidden <svg>. */
export function iconSprite(read: (lucideName: string) => IconNode = lucideIconNode): string {
  const symbols = (Object.entries(ICONS) as [IconName, string][]).map(([name, lucideName]) => {
    const elements = read(lucideName).map(([tag, attrs]) => {
      const list = Object.entries(attrs)
        .filter(([key]) => key !== 'key')
        .map(([key, value]) => ` ${key}="${escape(String(value))}"`)
        .join('');
      return `<${tag}${list}/>`;
    });
    return `<symbol id="${iconSymbolId(name)}" viewBox="0 0 24 24">${elements.join('')}</symbol>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" aria-hidden="true" style="position:absolute;width:0;height:0;overflow:hidden">${symbols.join('')}</svg>`;
}

/** Puts the sprite at the start of index.html's <body>, in dev and build alike. */
export function iconSpritePlugin(): Plugin {
  return {
    name: 'bt-icon-sprite',
    transformIndexHtml(html) {
      const at = html.indexOf('<body>');
      if (at < 0) throw new Error('icon sprite: index.html has no <body>');
      const end = at + '<body>'.length;
      return `${html.slice(0, end)}\n    ${iconSprite()}${html.slice(end)}`;
    },
  };
}

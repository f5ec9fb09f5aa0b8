import { describe, expect, it } from 'vitest';
import { ICONS, iconSymbolId, type IconName } from '../../app/src/lib/icons.ts';
import { iconSprite, iconSpritePlugin, lucideIconNode } from '../../scripts/icon-sprite-plugin.ts';

describe('icon sprite', () => {
  it("holds a <symbol> for every icon the app names, drawn from Lucide's own data", () => {
    const sprite = iconSprite();
    for (const name of Object.keys(ICONS) as IconName[]) {
      expect(sprite).toMatch(new RegExp(`<symbol id="${iconSymbolId(name)}" viewBox="0 0 24 24"><(path|circle|rect|polyline|line|polygon) `));
    }
    expect(lucideIconNode('play')[0]?.[0]).toBe('path');
    expect(sprite.startsWith('<svg xmlns="http://www.w3.org/2000/svg" aria-hidden="true"')).toBe(true);
  });

  it('escapes attribute values and leaves out React keys', () => {
    const sprite = iconSprite(() => [['path', { d: 'M0 0"<&', key: 'k1' }]]);
    expect(sprite).toContain('<path d="M0 0&quot;&lt;&amp;"/>');
    expect(sprite).not.toContain('key=');
  });

  it("goes first in index.html's body, and a page without one is an error", () => {
    const plugin = iconSpritePlugin();
    const transform = plugin.transformIndexHtml as (html: string) => string;
    const out = transform('<html><head></head><body>\n<div id="app"></div></body></html>');
    expect(out).toMatch(/^<html><head><\/head><body>\n {4}<svg [^]*<\/svg>\n<div id="app">/);
    expect(() => transform('<html></html>')).toThrow(/no <body>/);
  });
});

import { describe, expect, it } from 'vitest';
import { addSourceOf } from './add-source';
import { appLinkFor } from './share-link';

describe('appLinkFor', () => {
  it('makes an /add link that gives back the same magnet', () => {
    const magnet = 'magnet:?xt=urn:btih:0123456789abcdef0123456789abcdef01234567&dn=A%20film&tr=wss%3A%2F%2Ft.test';
    const link = appLinkFor(magnet, 'https://stream.example');
    expect(link.startsWith('https://stream.example/add?uri=magnet%3A%3F')).toBe(true);
    expect(addSourceOf(new URL(link))).toEqual({ kind: 'link', link: magnet });
  });
});

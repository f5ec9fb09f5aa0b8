import { describe, expect, it } from 'vitest';
import { withoutManifestLink } from '../../scripts/manifest-link-plugin.ts';

describe('withoutManifestLink', () => {
  it("drops vite-plugin-pwa's manifest link and keeps the rest of the head", () => {
    const html =
      '<head>\n<title>BT Stream</title>\n<link rel="icon" href="/icons/icon-32.png">\n  <link rel="manifest" href="/manifest.webmanifest"></head>';
    expect(withoutManifestLink(html)).toBe('<head>\n<title>BT Stream</title>\n<link rel="icon" href="/icons/icon-32.png">\n  </head>');
  });

  it('drops every manifest link, self-closed or with credentials', () => {
    const html = '<link rel="manifest" href="/a.webmanifest" /><link rel="manifest" href="/b.webmanifest" crossorigin="use-credentials">x';
    expect(withoutManifestLink(html)).toBe('x');
  });
});

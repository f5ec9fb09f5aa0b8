import { describe, expect, it } from 'vitest';
import { qrDrawing } from './qr-drawing';

const MAGNET = 'magnet:?xt=urn:btih:0123456789abcdef0123456789abcdef01234567&dn=A%20film';

describe('qrDrawing', () => {
  it('draws the three finder patterns inside a 4-module quiet zone', () => {
    const { size, path } = qrDrawing(MAGNET);
    // Each finder's top edge is a 7-module run starting 4 modules in.
    expect(path).toContain('M4 4h7v1h-7z');
    expect(path).toContain(`M${size - 11} 4h7v1h-7z`);
    expect(path).toContain(`M4 ${size - 11}h7v1h-7z`);
    expect(path).not.toMatch(/M\d+ [0-3]h/);
  });

  it('grows with the text', () => {
    expect(qrDrawing(`${MAGNET}&tr=${'wss%3A%2F%2Ftracker.example%2Fannounce'.repeat(4)}`).size).toBeGreaterThan(
      qrDrawing(MAGNET).size,
    );
  });
});

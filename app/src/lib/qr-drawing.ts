import { encode } from 'uqr';

export interface QrDrawing {
  /** Width and height in modules, the quiet zone included. */
  size: number;
  /** The dark modules as one SVG path in module units, a rectangle per horizontal run. */
  path: string;
}

/** The QR code of `text`, ready for an SVG with viewBox `0 0 size size`. */
export function qrDrawing(text: string): QrDrawing {
  // ecc M survives a smudged screen; a 4-module quiet zone is what scanners expect.
  const { size, data } = encode(text, { ecc: 'M', border: 4 });
  const runs: string[] = [];
  data.forEach((row, y) => {
    let x = 0;
    while (x < row.length) {
      if (!row[x]) {
        x++;
        continue;
      }
      const start = x;
      while (row[x]) x++;
      runs.push(`M${start} ${y}h${x - start}v1h${start - x}z`);
    }
  });
  return { size, path: runs.join('') };
}

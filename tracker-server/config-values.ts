/** Parsers for single setting values; each returns null when the text is not valid. */

const BINARY_UNITS: Record<string, number> = { '': 1, k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40 };

/** "1048576", "512MiB", "10G", "1.5 GiB": binary units, as disks and `ls -h` count. */
export function parseByteSize(raw: string): number | null {
  const match = /^(\d+(?:\.\d+)?)\s*([kmgt]?)(?:i?b)?$/i.exec(raw.trim());
  if (!match) return null;
  const [, amount = '', unit = ''] = match;
  const bytes = Math.round(Number(amount) * (BINARY_UNITS[unit.toLowerCase()] ?? NaN));
  return Number.isSafeInteger(bytes) ? bytes : null;
}

export function parseBoolean(raw: string): boolean | null {
  const value = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  if (['0', 'false', 'no', 'off'].includes(value)) return false;
  return null;
}

/** A whole number from `min` to `max`. */
export function parseWholeNumber(raw: string, min: number, max: number): number | null {
  if (!/^\d+$/.test(raw.trim())) return null;
  const n = Number(raw.trim());
  return Number.isSafeInteger(n) && n >= min && n <= max ? n : null;
}

/** `*`, or comma-separated origins like https://app.example.org; null if any is not an origin. */
export function parseOrigins(raw: string): string[] | null {
  const items = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (items.includes('*')) return items.length === 1 ? ['*'] : null;
  const origins: string[] = [];
  for (const item of items) {
    let url: URL;
    try {
      url = new URL(item);
    } catch {
      return null;
    }
    // An origin is scheme://host[:port] and nothing more; browsers send exactly that.
    if (!/^https?:$/.test(url.protocol) || url.origin !== item.replace(/\/$/, '')) return null;
    origins.push(url.origin);
  }
  return origins;
}

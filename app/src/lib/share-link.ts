/**
 * The https link that opens a torrent in this app wherever it runs: the
 * receiver's browser adds the magnet through /add and starts downloading.
 */
export function appLinkFor(magnetURI: string, origin: string): string {
  return `${origin}/add?uri=${encodeURIComponent(magnetURI)}`;
}

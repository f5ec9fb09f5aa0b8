/**
 * What workbox-window's messageSkipWaiting() sends when the user accepts the
 * update prompt; only then may a waiting service worker take over.
 */
export function isSkipWaiting(data: unknown): boolean {
  return typeof data === 'object' && data !== null && (data as { type?: unknown }).type === 'SKIP_WAITING';
}

import type { WebTorrentTorrent } from '../vendor/webtorrent.ts';

/** The part of webtorrent 3.0.21's torrent that checks stored data once the metadata is in. */
interface StoreCheck {
  _verifyPieces(cb: (err: Error | null) => void): void;
}

/**
 * webtorrent reads and hashes every piece of a new torrent's folder before
 * it requests anything: about 1 s for a 1,024-piece torrent whose folder is
 * empty. The bridge's folders always are (it deletes them at start and when
 * it drops a torrent, and `add` waits for that), so there is nothing to check.
 */
export function startsEmpty(torrent: WebTorrentTorrent): void {
  torrent.once('metadata', () => {
    (torrent as unknown as StoreCheck)._verifyPieces = (cb) => queueMicrotask(() => cb(null));
  });
}

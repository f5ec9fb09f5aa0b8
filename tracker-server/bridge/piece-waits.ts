import type { WebTorrentTorrent } from '../vendor/webtorrent.ts';

interface Waiter {
  resolve(): void;
  reject(err: Error): void;
}

/** Per torrent, the readers waiting on each piece: one 'verified' listener however many responses wait. */
const waiting = new WeakMap<WebTorrentTorrent, Map<number, Set<Waiter>>>();

function waitersOf(torrent: WebTorrentTorrent): Map<number, Set<Waiter>> {
  const known = waiting.get(torrent);
  if (known) return known;
  const byPiece = new Map<number, Set<Waiter>>();
  waiting.set(torrent, byPiece);
  torrent.on('verified', (index) => {
    const set = byPiece.get(index);
    if (!set) return;
    byPiece.delete(index);
    for (const waiter of set) waiter.resolve();
  });
  torrent.once('close', () => {
    const all = [...byPiece.values()];
    byPiece.clear();
    for (const set of all) for (const waiter of set) waiter.reject(new Error('the torrent was removed from the server'));
  });
  return byPiece;
}

/** Resolves once piece `index` is verified (and stored); rejects if the torrent closes or `signal` aborts first. */
export function whenVerified(torrent: WebTorrentTorrent, index: number, signal: AbortSignal): Promise<void> {
  if (torrent.bitfield.get(index)) return Promise.resolve();
  if (torrent.destroyed) return Promise.reject(new Error('the torrent was removed from the server'));
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  const byPiece = waitersOf(torrent);
  return new Promise<void>((resolve, reject) => {
    const set = byPiece.get(index) ?? new Set<Waiter>();
    byPiece.set(index, set);
    const onAbort = (): void => {
      set.delete(waiter);
      if (set.size === 0 && byPiece.get(index) === set) byPiece.delete(index);
      reject(signal.reason as Error);
    };
    const waiter: Waiter = {
      resolve: () => {
        signal.removeEventListener('abort', onAbort);
        resolve();
      },
      reject: (err) => {
        signal.removeEventListener('abort', onAbort);
        reject(err);
      },
    };
    set.add(waiter);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

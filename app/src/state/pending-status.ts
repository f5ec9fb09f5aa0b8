import type { TorrentStatus } from '../../shared/engine-api';
import type { TorrentInput } from '../../shared/input';
import { NOT_TRANSFERRING } from '../../shared/stored-status';

/**
 * What a magnet link being added shows before the engine has it: its page
 * (name from the link's dn=, if any, waiting for metadata) renders while the
 * engine starts, instead of when the add returns, just as that torrent's
 * first WebRTC connections need the page's main thread.
 */
export function pendingStatus(input: Extract<TorrentInput, { kind: 'magnet' }>, now: number): TorrentStatus {
  return {
    infoHash: input.infoHash,
    name: input.name,
    magnetURI: input.magnetURI,
    length: null,
    state: 'metadata',
    progress: 0,
    downloaded: 0,
    ...NOT_TRANSFERRING,
    files: [],
    addedAt: now,
  };
}

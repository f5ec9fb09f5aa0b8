import type { TorrentStatus } from '../../shared/engine-api';

/** Colour family for a torrent's progress and state badge. */
export type Tone = 'active' | 'done' | 'waiting' | 'error';

export function torrentTone(status: Pick<TorrentStatus, 'state' | 'progress'>): Tone {
  if (status.state === 'error') return 'error';
  if (status.state === 'seeding' || status.progress >= 1) return 'done';
  if (status.state === 'metadata' || status.state === 'checking' || status.state === 'paused') return 'waiting';
  return 'active';
}

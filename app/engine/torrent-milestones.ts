import { markOnce } from '../shared/timing-marks';
import type { WtTorrent } from './webtorrent';

/** webtorrent's events used only here; its typed surface (webtorrent.ts) has no need for them. */
interface MilestoneEvents {
  once(event: 'trackerAnnounce' | 'wire' | 'metadata' | 'ready' | 'download' | 'verified', fn: () => void): unknown;
}

/** Marks a torrent's first tracker answer, peer, metadata, readiness, received block and verified piece (see timing-marks.ts). */
export function markTorrentMilestones(torrent: WtTorrent): void {
  const events = torrent as unknown as MilestoneEvents;
  events.once('trackerAnnounce', () => markOnce('engine:tracker-announce'));
  events.once('wire', () => markOnce('engine:first-wire'));
  events.once('metadata', () => markOnce('engine:metadata'));
  events.once('ready', () => markOnce('engine:ready'));
  events.once('download', () => markOnce('engine:first-block'));
  events.once('verified', () => markOnce('engine:first-verified'));
}

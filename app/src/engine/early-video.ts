import { EARLY_VIDEO_GLOBAL, type EarlyVideo } from '../../shared/early-start';

const holder = globalThis as unknown as Record<string, EarlyVideo | undefined>;

/** The video index.html started, while no player has taken it yet. */
export function waitingEarlyVideo(): EarlyVideo | undefined {
  return holder[EARLY_VIDEO_GLOBAL];
}

/** Whether index.html started a video that a player has not taken yet. */
export function earlyVideoWaiting(): boolean {
  return waitingEarlyVideo() !== undefined;
}

/**
 * The video index.html started for this file of this torrent, if it did;
 * taken once. One started for another file is stopped: no player will show it.
 */
export function takeEarlyVideo(infoHash: string, fileIndex: number): HTMLVideoElement | null {
  const early = holder[EARLY_VIDEO_GLOBAL];
  if (!early) return null;
  delete holder[EARLY_VIDEO_GLOBAL];
  if (early.infoHash === infoHash && early.fileIndex === fileIndex) return early.video;
  early.video.removeAttribute('src');
  early.video.load();
  early.video.remove();
  return null;
}

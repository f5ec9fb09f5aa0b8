import { waitingEarlyVideo } from './early-video';

/** app.css's box for a player's video (.player-video); the staged early video wears it too. */
export const PLAYER_VIDEO_CLASS = 'player-video';
/** The longest the app's mount waits for a wholly stored video's first frame. */
export const STAGE_HOLD_MS = 700;

/**
 * Shows a play link's early video (index.html) before the app mounts, in the
 * boxes the player will give it: app.css's .column, .early-stage,
 * .player-frame and .player-video, with the player first on the torrent's
 * page. For a wholly stored file it then waits for the first frame, bounded:
 * the mount is a long task on the thread that feeds the video its bytes, and
 * held the frame back by as long. Returns the stage's removal, for once the
 * app has mounted and its player has taken the video; null if nothing was staged.
 */
export async function stageEarlyVideo(target: HTMLElement): Promise<(() => void) | null> {
  const early = waitingEarlyVideo();
  if (!early?.video.autoplay) return null;
  const stage = document.createElement('div');
  stage.className = 'column early-stage';
  const frame = document.createElement('div');
  frame.className = 'player-frame';
  stage.append(frame);
  target.append(stage);
  early.video.classList.add(PLAYER_VIDEO_CLASS);
  moveInto(frame, early.video);
  if (early.stored) await firstFrame(early.video, STAGE_HOLD_MS);
  return () => stage.remove();
}

/** Appends `node` to `parent`, moved without a pause where the browser can (moveBefore keeps a playing video playing). */
export function moveInto(parent: Element, node: Element): void {
  const movable = parent as Element & { moveBefore?: (node: Node, child: Node | null) => void };
  if (node.isConnected && movable.moveBefore) {
    try {
      movable.moveBefore(node, null);
      return;
    } catch {
      // Not movable here (another document, say): append.
    }
  }
  parent.append(node);
}

/** Resolves once the video's first frame is on screen, it fails, or `ms` pass. */
function firstFrame(video: HTMLVideoElement, ms: number): Promise<void> {
  return new Promise((resolve) => {
    if (video.error) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      video.removeEventListener('error', done);
      resolve();
    }
    video.addEventListener('error', done);
    video.requestVideoFrameCallback(done);
  });
}

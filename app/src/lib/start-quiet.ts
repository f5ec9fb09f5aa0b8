import { whenIdle } from './idle';

/** Work that can wait never waits longer than this for a start to finish: a stream may never start. */
export const MAX_HOLD_MS = 5000;

let holds = 0;
const waiting = new Set<() => void>();

/**
 * Marks something the user is waiting for as starting (a torrent page about
 * to open its film, a player before its first frame) until the returned
 * release is called. On 2 cores every ms of other main-thread work delays
 * the media element's own steps. Release is idempotent, for effect cleanups.
 */
export function holdQuiet(): () => void {
  holds++;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    holds--;
    if (holds === 0) for (const wake of [...waiting]) wake();
  };
}

export function isQuiet(): boolean {
  return holds === 0;
}

/**
 * Runs `task` at an idle moment (idle.ts, `idleTimeoutMs`) once nothing
 * holds the page (holdQuiet), or after `maxHoldMs` at the latest. Returns a
 * cancel for effects.
 */
export function whenQuiet(
  task: () => void,
  { maxHoldMs = MAX_HOLD_MS, idleTimeoutMs }: { maxHoldMs?: number; idleTimeoutMs?: number } = {},
): () => void {
  let cancelIdle: (() => void) | null = null;
  let done = false;
  let overdue = false;
  const deadline = setTimeout(() => {
    overdue = true;
    schedule();
  }, maxHoldMs);
  // A release can be followed at once by a new hold (the page hands over to
  // its player in one update): look again when idle before running.
  function schedule(): void {
    if (done || cancelIdle) return;
    waiting.delete(schedule);
    cancelIdle = whenIdle(() => {
      cancelIdle = null;
      if (done) return;
      if (!overdue && !isQuiet()) {
        waiting.add(schedule);
        return;
      }
      done = true;
      clearTimeout(deadline);
      task();
    }, idleTimeoutMs);
  }
  if (isQuiet()) schedule();
  else waiting.add(schedule);
  return () => {
    done = true;
    clearTimeout(deadline);
    waiting.delete(schedule);
    cancelIdle?.();
  };
}

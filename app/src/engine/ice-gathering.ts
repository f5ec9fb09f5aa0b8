/** Quiet time after the last host candidate before gathering counts as done. */
export const HOST_CANDIDATES_QUIET_MS = 25;

/**
 * With no STUN or TURN server every candidate is a host candidate, and
 * Chromium gathers them all within a few ms of setLocalDescription, yet says
 * gathering is complete only 120-150 ms later (measured, Chromium 156).
 * webtorrent's tracker client sends an offer or answer only once gathering is
 * complete (trickle off), so each side of every connection waited that long.
 * This reports completion once candidates stop coming. The returned function
 * takes each candidate event and says whether it is already accounted for
 * (the real end of gathering after the early one).
 */
export function hostGatheringSettler(complete: () => void, quietMs = HOST_CANDIDATES_QUIET_MS): (isCandidate: boolean) => boolean {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let done = false;
  return (isCandidate) => {
    clearTimeout(timer);
    if (done) return !isCandidate;
    if (!isCandidate) {
      done = true;
      return false;
    }
    timer = setTimeout(() => {
      done = true;
      complete();
    }, quietMs);
    return false;
  };
}

/** Resolves once `pc` has its candidates: settled early for host-only configs, else at the real end. */
export function untilGathered(pc: RTCPeerConnection, hostOnly: boolean): Promise<void> {
  return new Promise((resolve) => {
    const settle = hostOnly ? hostGatheringSettler(resolve) : null;
    pc.onicecandidate = (ev) => {
      settle?.(ev.candidate !== null);
      if (!ev.candidate) resolve();
    };
  });
}

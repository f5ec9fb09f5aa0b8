import type { IceCandidate, SessionDescription } from '../../shared/rtc-protocol';

/** RTCSessionDescription for the worker, which has none. */
export class WorkerSessionDescription implements SessionDescription {
  readonly type: SessionDescription['type'];
  readonly sdp: string;

  constructor(init: SessionDescription) {
    this.type = init.type;
    this.sdp = init.sdp ?? '';
  }

  toJSON(): SessionDescription {
    return { type: this.type, sdp: this.sdp };
  }
}

/** RTCIceCandidate for the worker, which has none. */
export class WorkerIceCandidate implements IceCandidate {
  readonly candidate: string;
  readonly sdpMid: string | null;
  readonly sdpMLineIndex: number | null;
  readonly usernameFragment: string | null;

  constructor(init: IceCandidate) {
    this.candidate = init.candidate;
    this.sdpMid = init.sdpMid ?? null;
    this.sdpMLineIndex = init.sdpMLineIndex ?? null;
    this.usernameFragment = init.usernameFragment ?? null;
  }

  /** The connection address, the fifth field of "candidate:…" (simple-peer reads it). */
  get address(): string | null {
    return this.candidate.split(' ')[4] ?? null;
  }

  toJSON(): IceCandidate {
    return {
      candidate: this.candidate,
      sdpMid: this.sdpMid,
      sdpMLineIndex: this.sdpMLineIndex,
      usernameFragment: this.usernameFragment,
    };
  }
}

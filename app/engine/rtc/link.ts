import type { HostToWorker, RtcCall, RtcEvent, RtcHostMethods, RtcMethod } from '../../shared/rtc-protocol';

export interface PeerEvents {
  onHostEvent(event: RtcEvent): void;
}

/** The worker's end of the RTC host protocol: typed calls out, replies and events in. */
export class RtcLink {
  readonly #port: MessagePort;
  #nextCall = 1;
  #nextId = 1;
  readonly #pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  readonly #peers = new Map<number, PeerEvents>();

  constructor(port: MessagePort) {
    this.#port = port;
    port.onmessage = (ev: MessageEvent<HostToWorker>) => this.#receive(ev.data);
  }

  /** A fresh id for a peer connection or data channel. */
  nextId(): number {
    return this.#nextId++;
  }

  register(pc: number, peer: PeerEvents): void {
    this.#peers.set(pc, peer);
  }

  unregister(pc: number): void {
    this.#peers.delete(pc);
  }

  call<M extends RtcMethod>(method: M, ...args: Parameters<RtcHostMethods[M]>): Promise<ReturnType<RtcHostMethods[M]>> {
    const id = this.#nextCall++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      const call = { type: 'call', id, method, args } as RtcCall;
      this.#port.postMessage(call);
    });
  }

  #receive(msg: HostToWorker): void {
    if (msg.type === 'reply') {
      const pending = this.#pending.get(msg.id);
      this.#pending.delete(msg.id);
      if (!pending) return;
      if (msg.ok) pending.resolve(msg.value);
      else pending.reject(new Error(msg.error));
      return;
    }
    this.#peers.get(msg.pc)?.onHostEvent(msg);
  }
}

let current: RtcLink | null = null;

export function connectRtcHost(port: MessagePort): void {
  current = new RtcLink(port);
}

export function rtcLink(): RtcLink {
  if (!current) throw new Error('WebRTC host is not connected yet');
  return current;
}

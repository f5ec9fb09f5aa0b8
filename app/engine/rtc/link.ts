import type { HostToWorker, RtcCall, RtcConfig, RtcEvent, RtcHostMethods, RtcMethod } from '../../shared/rtc-protocol';
import { PreparedOffers, type PreparedOffer } from './prepared-offers';

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
  /** Connections the host prepared ahead of need, until one is taken. */
  readonly #prepared = new PreparedOffers();

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

  /** A prepared connection for `config` with its offer ready, taken for good; null if none. */
  takePrepared(config: RtcConfig): PreparedOffer | null {
    return this.#prepared.take(config, performance.now());
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
    if (msg.type === 'pool-channel' || msg.type === 'pool-ready' || msg.type === 'pool-closed') return this.#prepared.receive(msg, performance.now());
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

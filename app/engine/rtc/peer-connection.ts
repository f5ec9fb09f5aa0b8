import type {
  ChannelInit,
  IceCandidate,
  PcSnapshot,
  RtcConfig,
  RtcEvent,
  SessionDescription,
  StateChange,
  StatsEntry,
} from '../../shared/rtc-protocol';
import { markOnce } from '../../shared/timing-marks';
import { WorkerDataChannel } from './data-channel';
import { WorkerIceCandidate } from './descriptions';
import { rtcLink, type PeerEvents } from './link';
import type { ReadyOffer } from './prepared-offers';

type Handler<E = Event> = ((ev: E) => void) | null;

const INITIAL: PcSnapshot = {
  connectionState: 'new',
  iceConnectionState: 'new',
  iceGatheringState: 'new',
  signalingState: 'stable',
  localDescription: null,
  remoteDescription: null,
};

function plainDescription(d: SessionDescription): SessionDescription {
  return { type: d.type, sdp: d.sdp ?? '' };
}

/**
 * The RTCPeerConnection that webtorrent (through simple-peer) sees in the
 * worker. Every operation runs on the page's real connection; state arrives
 * back as snapshots, and each host event fires the same handler here.
 */
export class WorkerPeerConnection implements PeerEvents {
  onconnectionstatechange: Handler = null;
  oniceconnectionstatechange: Handler = null;
  onicegatheringstatechange: Handler = null;
  onsignalingstatechange: Handler = null;
  onicecandidate: Handler<{ candidate: WorkerIceCandidate | null }> = null;
  ondatachannel: Handler<{ channel: WorkerDataChannel }> = null;

  readonly #id: number;
  readonly #config: RtcConfig;
  #state: PcSnapshot = INITIAL;
  /**
   * A prepared connection this one took (prepared-offers.ts): its offer once
   * ready, or null if it fell through and this one is made as usual. Its
   * createOffer and setLocalDescription are answered here, not by the page.
   */
  #prepared: Promise<ReadyOffer | null> | null = null;
  #ready: ReadyOffer | null = null;
  #madeChannel = false;
  #closed = false;
  readonly #channels = new Map<number, WorkerDataChannel>();

  constructor(config: RtcConfig = {}) {
    markOnce('rtc:first-pc');
    const link = rtcLink();
    this.#id = link.nextId();
    this.#config = { iceServers: config.iceServers ?? [], iceTransportPolicy: config.iceTransportPolicy ?? 'all' };
    link.register(this.#id, this);
    void link.call('create', this.#id, this.#config);
  }

  get connectionState(): string {
    return this.#state.connectionState;
  }
  get iceConnectionState(): string {
    return this.#state.iceConnectionState;
  }
  get iceGatheringState(): string {
    return this.#state.iceGatheringState;
  }
  get signalingState(): string {
    return this.#state.signalingState;
  }
  get localDescription(): SessionDescription | null {
    return this.#state.localDescription;
  }
  get remoteDescription(): SessionDescription | null {
    return this.#state.remoteDescription;
  }

  createDataChannel(label: string, init: ChannelInit = {}): WorkerDataChannel {
    const channel = new WorkerDataChannel(label, init);
    // The first channel of an offering connection, made as simple-peer makes it: a prepared one fits.
    const plain = Object.values(init).every((v) => v === undefined);
    const prepared = plain && !this.#madeChannel ? rtcLink().takePrepared(this.#config) : null;
    this.#madeChannel = true;
    if (prepared) {
      this.#prepared = prepared.offer.then(
        (ready) => {
          markOnce('rtc:prepared-offer');
          channel.attach(prepared.dc);
          // Posted before any later call for this connection, so the page has it by then.
          rtcLink()
            .call('adopt', this.#id, prepared.pool)
            .catch(() => this.#lost());
          return ready;
        },
        () => {
          this.#requestChannel(channel, label, init);
          return null;
        },
      );
      return channel;
    }
    this.#requestChannel(channel, label, init);
    return channel;
  }

  #requestChannel(channel: WorkerDataChannel, label: string, init: ChannelInit): void {
    const id = rtcLink().nextId();
    this.#channels.set(id, channel);
    rtcLink()
      .call('createDataChannel', this.#id, id, label, init)
      .catch(() => channel.close());
  }

  async createOffer(): Promise<SessionDescription> {
    const prepared = this.#prepared;
    this.#prepared = null;
    const ready = prepared ? await prepared : null;
    if (!ready) return rtcLink().call('createOffer', this.#id);
    this.#ready = ready;
    return { type: 'offer', sdp: ready.sdp };
  }

  createAnswer(): Promise<SessionDescription> {
    return rtcLink().call('createAnswer', this.#id);
  }

  async setLocalDescription(description: SessionDescription): Promise<void> {
    const ready = this.#ready;
    this.#ready = null;
    if (ready && description.type === 'offer' && description.sdp === ready.sdp) {
      // Set and gathered on the page already: completion follows, as a real connection's would.
      this.#state = ready.snapshot;
      setTimeout(() => this.onHostEvent({ type: 'icecandidate', pc: this.#id, candidate: null, snapshot: this.#state }), 0);
      return;
    }
    this.#state = await rtcLink().call('setLocalDescription', this.#id, plainDescription(description));
  }

  /** The page no longer had the prepared connection this one took (it expired meanwhile). */
  #lost(): void {
    if (this.#closed) return;
    this.#state = { ...this.#state, connectionState: 'failed', iceConnectionState: 'failed' };
    this.#fire('iceconnectionstatechange');
    this.#fire('connectionstatechange');
  }

  async setRemoteDescription(description: SessionDescription): Promise<void> {
    this.#state = await rtcLink().call('setRemoteDescription', this.#id, plainDescription(description));
  }

  addIceCandidate(candidate: IceCandidate): Promise<void> {
    const { candidate: line, sdpMid, sdpMLineIndex, usernameFragment } = candidate;
    return rtcLink().call('addIceCandidate', this.#id, { candidate: line, sdpMid, sdpMLineIndex, usernameFragment });
  }

  // No parameters: simple-peer picks the promise-based form by getStats.length.
  async getStats(): Promise<Map<string, StatsEntry>> {
    const entries = await rtcLink().call('getStats', this.#id);
    return new Map(entries.map((entry) => [entry.id, entry]));
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#state = { ...this.#state, signalingState: 'closed', connectionState: 'closed', iceConnectionState: 'closed' };
    rtcLink().unregister(this.#id);
    void rtcLink().call('close', this.#id);
  }

  onHostEvent(event: RtcEvent): void {
    if (this.#closed) return;
    switch (event.type) {
      case 'state':
        this.#state = event.snapshot;
        if (event.snapshot.connectionState === 'connected') markOnce('rtc:connected');
        this.#fire(event.change);
        return;
      case 'icecandidate':
        this.#state = event.snapshot;
        if (!event.candidate) markOnce('rtc:gathering-done');
        this.onicecandidate?.({ candidate: event.candidate ? new WorkerIceCandidate(event.candidate) : null });
        return;
      case 'channel':
        this.#channels.get(event.channel)?.attach(event.dc);
        this.#channels.delete(event.channel);
        return;
      case 'datachannel':
        this.ondatachannel?.({ channel: WorkerDataChannel.from(event.dc) });
        return;
    }
  }

  #fire(change: StateChange): void {
    const ev = new Event(change);
    switch (change) {
      case 'connectionstatechange':
        return this.onconnectionstatechange?.(ev);
      case 'iceconnectionstatechange':
        return this.oniceconnectionstatechange?.(ev);
      case 'icegatheringstatechange':
        return this.onicegatheringstatechange?.(ev);
      case 'signalingstatechange':
        return this.onsignalingstatechange?.(ev);
    }
  }
}

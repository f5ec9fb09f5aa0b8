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
  #state: PcSnapshot = INITIAL;
  #closed = false;
  readonly #channels = new Map<number, WorkerDataChannel>();

  constructor(config: RtcConfig = {}) {
    markOnce('rtc:first-pc');
    const link = rtcLink();
    this.#id = link.nextId();
    link.register(this.#id, this);
    void link.call('create', this.#id, { iceServers: config.iceServers ?? [], iceTransportPolicy: config.iceTransportPolicy ?? 'all' });
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
    const id = rtcLink().nextId();
    this.#channels.set(id, channel);
    rtcLink()
      .call('createDataChannel', this.#id, id, label, init)
      .catch(() => channel.close());
    return channel;
  }

  createOffer(): Promise<SessionDescription> {
    return rtcLink().call('createOffer', this.#id);
  }

  createAnswer(): Promise<SessionDescription> {
    return rtcLink().call('createAnswer', this.#id);
  }

  async setLocalDescription(description: SessionDescription): Promise<void> {
    this.#state = await rtcLink().call('setLocalDescription', this.#id, plainDescription(description));
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

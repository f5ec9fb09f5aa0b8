/**
 * The engine worker ↔ page protocol for WebRTC. Workers have no
 * RTCPeerConnection, so the page owns the connections (the "host") and the
 * worker drives them through this protocol. Data channels are transferred to
 * the worker when they are created, so wire bytes never touch the page.
 *
 * One MessagePort carries everything, in order: calls from the worker, replies
 * and events from the page. Ordering matters: an event's snapshot is always at
 * least as new as any reply before it.
 */

export interface SessionDescription {
  type: 'offer' | 'answer' | 'pranswer' | 'rollback';
  sdp?: string;
}

export interface IceCandidate {
  candidate: string;
  sdpMid?: string | null;
  sdpMLineIndex?: number | null;
  usernameFragment?: string | null;
}

export interface RtcConfig {
  iceServers?: { urls: string | string[]; username?: string; credential?: string }[];
  iceTransportPolicy?: 'all' | 'relay';
}

export interface ChannelInit {
  ordered?: boolean;
  maxPacketLifeTime?: number;
  maxRetransmits?: number;
  protocol?: string;
  negotiated?: boolean;
  id?: number;
}

/** The connection's observable state, sent with every reply and event. */
export interface PcSnapshot {
  connectionState: string;
  iceConnectionState: string;
  iceGatheringState: string;
  signalingState: string;
  localDescription: SessionDescription | null;
  remoteDescription: SessionDescription | null;
}

export type StateChange =
  | 'connectionstatechange'
  | 'iceconnectionstatechange'
  | 'icegatheringstatechange'
  | 'signalingstatechange';

/** A stats report flattened to plain data (RTCStats objects are not cloneable). */
export type StatsEntry = Record<string, string | number | boolean | null> & { id: string; type: string };

/** What the page does for the worker. `pc` and `channel` are ids the worker picks. */
export interface RtcHostMethods {
  create(pc: number, config: RtcConfig): void;
  /** The real channel comes back as a 'channel' event, transferred. */
  createDataChannel(pc: number, channel: number, label: string, init: ChannelInit): void;
  createOffer(pc: number): SessionDescription;
  createAnswer(pc: number): SessionDescription;
  setLocalDescription(pc: number, description: SessionDescription): PcSnapshot;
  setRemoteDescription(pc: number, description: SessionDescription): PcSnapshot;
  addIceCandidate(pc: number, candidate: IceCandidate): void;
  getStats(pc: number): StatsEntry[];
  close(pc: number): void;
  /** Connection `pc` is the prepared one `pool` (PoolEvent), offer already set. */
  adopt(pc: number, pool: number): void;
}

export type RtcMethod = keyof RtcHostMethods;

export type RtcCall = {
  [M in RtcMethod]: { type: 'call'; id: number; method: M; args: Parameters<RtcHostMethods[M]> };
}[RtcMethod];

export type RtcReply =
  | { type: 'reply'; id: number; ok: true; value: unknown }
  | { type: 'reply'; id: number; ok: false; error: string };

export type RtcEvent =
  /** `change` names the event the host's connection fired, so the worker fires the same one. */
  | { type: 'state'; pc: number; change: StateChange; snapshot: PcSnapshot }
  /** candidate null: gathering is complete. */
  | { type: 'icecandidate'; pc: number; candidate: IceCandidate | null; snapshot: PcSnapshot }
  /** The real channel for a createDataChannel call, transferred. */
  | { type: 'channel'; pc: number; channel: number; dc: RTCDataChannel }
  /** A channel the remote side opened, transferred. */
  | { type: 'datachannel'; pc: number; dc: RTCDataChannel };

/**
 * The host prepares a few offering connections ahead of need (rtc-pool.ts).
 * Each one's data channel is transferred when it is created, as every
 * channel must be; once its offer is set and its candidates gathered, the
 * worker learns the offer too. A connection the worker makes then takes one
 * (adopt) and has its offer at once, with no call through the page.
 */
export type PoolEvent =
  | { type: 'pool-channel'; pool: number; dc: RTCDataChannel }
  /** Its offer as set, without the trickle option; `snapshot` has the candidates in its local description. */
  | { type: 'pool-ready'; pool: number; config: RtcConfig; sdp: string; snapshot: PcSnapshot }
  /** The prepared connection expired unused: drop its channel. */
  | { type: 'pool-closed'; pool: number };

/** Prepared connections are closed unused after this: their candidates describe the network when made. */
export const POOL_MAX_AGE_MS = 60_000;
/** The worker takes a prepared connection only this long before it would expire, so the host still has it. */
export const POOL_CLAIM_MARGIN_MS = 10_000;

export type WorkerToHost = RtcCall;
export type HostToWorker = RtcReply | RtcEvent | PoolEvent;

/**
 * What simple-peer does to an offer or answer before setting it when
 * candidates are not trickled (trickle off, as webtorrent's tracker
 * client runs it): drops the trickle option line. A prepared offer is set
 * in this form so the worker's later setLocalDescription matches it.
 */
export function withoutTrickleOption(sdp: string): string {
  return sdp.replace(/a=ice-options:trickle\s\n/g, '');
}

/** Whether two connection configs would make the same connection (a prepared one fits). */
export function sameRtcConfig(a: RtcConfig, b: RtcConfig): boolean {
  const norm = (c: RtcConfig) => JSON.stringify({ iceServers: c.iceServers ?? [], policy: c.iceTransportPolicy ?? 'all' });
  return norm(a) === norm(b);
}

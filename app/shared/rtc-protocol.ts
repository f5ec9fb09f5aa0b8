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

export type WorkerToHost = RtcCall;
export type HostToWorker = RtcReply | RtcEvent;

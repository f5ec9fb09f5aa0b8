import type {
  HostToWorker,
  PcSnapshot,
  RtcCall,
  RtcConfig,
  RtcHostMethods,
  SessionDescription,
  StateChange,
  StatsEntry,
  WorkerToHost,
} from '../../shared/rtc-protocol';
import { hostGatheringSettler } from './ice-gathering';
import { OfferPool } from './rtc-pool';

type Impl = { [M in keyof RtcHostMethods]: (...args: Parameters<RtcHostMethods[M]>) => unknown };

const STATE_CHANGES: StateChange[] = [
  'connectionstatechange',
  'iceconnectionstatechange',
  'icegatheringstatechange',
  'signalingstatechange',
];

function snapshot(pc: RTCPeerConnection): PcSnapshot {
  const desc = (d: RTCSessionDescription | null): SessionDescription | null => (d ? { type: d.type, sdp: d.sdp } : null);
  return {
    connectionState: pc.connectionState,
    iceConnectionState: pc.iceConnectionState,
    iceGatheringState: pc.iceGatheringState,
    signalingState: pc.signalingState,
    localDescription: desc(pc.localDescription),
    remoteDescription: desc(pc.remoteDescription),
  };
}

function plainStats(report: RTCStatsReport): StatsEntry[] {
  const out: StatsEntry[] = [];
  report.forEach((stat: Record<string, unknown>) => {
    const entry: Record<string, string | number | boolean | null> = {};
    for (const [key, value] of Object.entries(stat)) {
      if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) {
        entry[key] = value as string | number | boolean | null;
      }
    }
    out.push(entry as StatsEntry);
  });
  return out;
}

/** A connection the worker made: real once first used, so an offering one can be a prepared one (adopt). */
interface Slot {
  config: RtcConfig;
  pc: RTCPeerConnection | null;
}

export interface RtcHost {
  /** Prepares offering connections for `config` ahead of the engine's first announce (rtc-pool.ts). */
  warm(config: RtcConfig): void;
  close(): void;
}

/**
 * Owns the RTCPeerConnections for the engine worker, which has none of its
 * own. Data channels are transferred to the worker in the task that creates
 * them (later transfers fail), so only signalling passes through here.
 */
export function startRtcHost(port: MessagePort): RtcHost {
  const slots = new Map<number, Slot>();
  const post = (msg: HostToWorker, transfer: Transferable[] = []): void => port.postMessage(msg, transfer);
  const pool = new OfferPool(post, snapshot);

  const slot = (id: number): Slot => {
    const found = slots.get(id);
    if (!found) throw new Error(`no peer connection ${id}`);
    return found;
  };

  const listen = (id: number, pc: RTCPeerConnection, gathered: boolean): void => {
    for (const change of STATE_CHANGES) {
      pc.addEventListener(change, () => post({ type: 'state', pc: id, change, snapshot: snapshot(pc) }));
    }
    pc.ondatachannel = (ev) => {
      post({ type: 'datachannel', pc: id, dc: ev.channel }, [ev.channel]);
    };
    // A prepared connection gathered before it was adopted; the worker completes it itself.
    if (gathered) return;
    const complete = () => post({ type: 'icecandidate', pc: id, candidate: null, snapshot: { ...snapshot(pc), iceGatheringState: 'complete' } });
    const settle = slots.get(id)?.config.iceServers?.length ? null : hostGatheringSettler(complete);
    pc.onicecandidate = (ev) => {
      const candidate = ev.candidate ? (ev.candidate.toJSON() as { candidate: string }) : null;
      if (settle?.(candidate !== null)) return;
      post({ type: 'icecandidate', pc: id, candidate, snapshot: snapshot(pc) });
    };
  };

  /** The slot's connection, made now if it has none yet. */
  const real = (id: number): RTCPeerConnection => {
    const s = slot(id);
    if (!s.pc) {
      s.pc = new RTCPeerConnection(s.config);
      listen(id, s.pc, false);
    }
    return s.pc;
  };

  const impl: Impl = {
    create(id, config) {
      slots.set(id, { config, pc: null });
    },
    adopt(id, prepared) {
      const s = slot(id);
      const pc = s.pc ? null : pool.claim(prepared);
      if (!pc) throw new Error(`prepared connection ${prepared} is gone`);
      s.pc = pc;
      listen(id, pc, true);
    },
    createDataChannel(id, channel, label, init) {
      const dc = real(id).createDataChannel(label, init);
      post({ type: 'channel', pc: id, channel, dc }, [dc]);
    },
    async createOffer(id) {
      const offer = await real(id).createOffer();
      return { type: offer.type, sdp: offer.sdp };
    },
    async createAnswer(id) {
      const answer = await real(id).createAnswer();
      return { type: answer.type, sdp: answer.sdp };
    },
    async setLocalDescription(id, description) {
      const pc = real(id);
      await pc.setLocalDescription(description);
      return snapshot(pc);
    },
    async setRemoteDescription(id, description) {
      const pc = real(id);
      await pc.setRemoteDescription(description);
      return snapshot(pc);
    },
    async addIceCandidate(id, candidate) {
      await real(id).addIceCandidate(candidate);
    },
    async getStats(id) {
      const pc = slot(id).pc;
      return pc ? plainStats(await pc.getStats()) : [];
    },
    close(id) {
      slots.get(id)?.pc?.close();
      slots.delete(id);
    },
  };

  const handle = async (call: RtcCall): Promise<void> => {
    try {
      const fn = impl[call.method] as (...args: unknown[]) => unknown;
      const value = await fn(...call.args);
      post({ type: 'reply', id: call.id, ok: true, value });
    } catch (err) {
      post({ type: 'reply', id: call.id, ok: false, error: err instanceof Error ? err.message : String(err) });
    }
  };

  port.onmessage = (ev: MessageEvent<WorkerToHost>) => void handle(ev.data);
  // Prepared offers name this network's addresses: a change makes them useless.
  const forget = (): void => pool.clear();
  addEventListener('offline', forget);
  return {
    warm(config) {
      pool.fill(config);
    },
    close() {
      port.onmessage = null;
      removeEventListener('offline', forget);
      pool.close();
      for (const s of slots.values()) s.pc?.close();
      slots.clear();
    },
  };
}

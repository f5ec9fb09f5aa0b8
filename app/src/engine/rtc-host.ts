import type {
  HostToWorker,
  PcSnapshot,
  RtcCall,
  RtcHostMethods,
  SessionDescription,
  StateChange,
  StatsEntry,
  WorkerToHost,
} from '../../shared/rtc-protocol';

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

/**
 * Owns the RTCPeerConnections for the engine worker, which has none of its
 * own. Data channels are transferred to the worker in the task that creates
 * them (later transfers fail), so only signalling passes through here.
 * Returns a function that closes every connection.
 */
export function startRtcHost(port: MessagePort): () => void {
  const peers = new Map<number, RTCPeerConnection>();
  const post = (msg: HostToWorker, transfer: Transferable[] = []): void => port.postMessage(msg, transfer);

  const peer = (id: number): RTCPeerConnection => {
    const pc = peers.get(id);
    if (!pc) throw new Error(`no peer connection ${id}`);
    return pc;
  };

  const impl: Impl = {
    create(id, config) {
      const pc = new RTCPeerConnection(config);
      peers.set(id, pc);
      for (const change of STATE_CHANGES) {
        pc.addEventListener(change, () => post({ type: 'state', pc: id, change, snapshot: snapshot(pc) }));
      }
      pc.onicecandidate = (ev) => {
        const candidate = ev.candidate ? (ev.candidate.toJSON() as { candidate: string }) : null;
        post({ type: 'icecandidate', pc: id, candidate, snapshot: snapshot(pc) });
      };
      pc.ondatachannel = (ev) => {
        post({ type: 'datachannel', pc: id, dc: ev.channel }, [ev.channel]);
      };
    },
    createDataChannel(id, channel, label, init) {
      const dc = peer(id).createDataChannel(label, init);
      post({ type: 'channel', pc: id, channel, dc }, [dc]);
    },
    async createOffer(id) {
      const offer = await peer(id).createOffer();
      return { type: offer.type, sdp: offer.sdp };
    },
    async createAnswer(id) {
      const answer = await peer(id).createAnswer();
      return { type: answer.type, sdp: answer.sdp };
    },
    async setLocalDescription(id, description) {
      const pc = peer(id);
      await pc.setLocalDescription(description);
      return snapshot(pc);
    },
    async setRemoteDescription(id, description) {
      const pc = peer(id);
      await pc.setRemoteDescription(description);
      return snapshot(pc);
    },
    async addIceCandidate(id, candidate) {
      await peer(id).addIceCandidate(candidate);
    },
    async getStats(id) {
      return plainStats(await peer(id).getStats());
    },
    close(id) {
      peers.get(id)?.close();
      peers.delete(id);
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
  return () => {
    port.onmessage = null;
    for (const pc of peers.values()) pc.close();
    peers.clear();
  };
}

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

/** Quiet time after the last host candidate before gathering counts as done. */
const HOST_CANDIDATES_QUIET_MS = 25;

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
function hostGatheringSettler(pc: RTCPeerConnection, complete: (snap: PcSnapshot) => void): (isCandidate: boolean) => boolean {
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
      complete({ ...snapshot(pc), iceGatheringState: 'complete' });
    }, HOST_CANDIDATES_QUIET_MS);
    return false;
  };
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
      const settle = config.iceServers?.length ? null : hostGatheringSettler(pc, (snap) => {
        post({ type: 'icecandidate', pc: id, candidate: null, snapshot: snap });
      });
      pc.onicecandidate = (ev) => {
        const candidate = ev.candidate ? (ev.candidate.toJSON() as { candidate: string }) : null;
        if (settle?.(candidate !== null)) return;
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

import * as polyfill from 'webrtc-polyfill';

/**
 * Node's WebRTC (webrtc-polyfill over node-datachannel) never fires the final
 * `icecandidate` event with a null candidate when gathering completes, as the
 * spec requires. simple-peer without trickle waits for that event, so every
 * Node offer and answer sat out a 5 s timeout; the delay made browsers and
 * Node peers each keep a different one of their two crossing connections, and
 * both died. This fires the missing event. Import it once, before any peer.
 */

// The package's types need @types/webrtc's DOM globals; these are the parts used here.
interface NodePeerConnection extends EventTarget {
  readonly iceGatheringState: string;
  __endOfCandidates?: true;
}
interface Polyfill {
  RTCPeerConnection: { prototype: NodePeerConnection };
  RTCPeerConnectionIceEvent: new (candidate: null) => Event;
}

const { RTCPeerConnection, RTCPeerConnectionIceEvent } = polyfill as unknown as Polyfill;
const proto = RTCPeerConnection.prototype;

if (!proto.__endOfCandidates) {
  // The class inherits dispatchEvent from EventTarget.
  const dispatch = (target: NodePeerConnection, event: Event): boolean => EventTarget.prototype.dispatchEvent.call(target, event);
  proto.dispatchEvent = function dispatchEvent(this: NodePeerConnection, event: Event): boolean {
    const result = dispatch(this, event);
    if (event.type === 'icegatheringstatechange' && this.iceGatheringState === 'complete') {
      dispatch(this, new RTCPeerConnectionIceEvent(null));
    }
    return result;
  };
  proto.__endOfCandidates = true;
}

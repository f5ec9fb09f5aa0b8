import { WorkerIceCandidate, WorkerSessionDescription } from './descriptions';
import { WorkerPeerConnection } from './peer-connection';

// webtorrent's WebRTC polyfill reads these globals once, when it is evaluated,
// so this module must be imported before webtorrent.
const scope = self as unknown as Record<string, unknown>;
if (typeof scope.RTCPeerConnection !== 'function') {
  scope.RTCPeerConnection = WorkerPeerConnection;
  scope.RTCSessionDescription = WorkerSessionDescription;
  scope.RTCIceCandidate = WorkerIceCandidate;
}

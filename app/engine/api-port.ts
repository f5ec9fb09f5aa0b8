import { ENGINE_PORT_MESSAGE, type EnginePortMessage } from '../shared/engine-api';
import { markOnce } from '../shared/timing-marks';

declare const self: DedicatedWorkerGlobalScope;

// The script is fetched, compiled and running: what is left of the engine's load is evaluating webtorrent (engine:loaded).
markOnce('engine:script-start');

const channel = new MessageChannel();
const message: EnginePortMessage = { type: ENGINE_PORT_MESSAGE, port: channel.port2 };
// Sent as this worker's script starts: the page's calls then reach it as soon as it listens.
self.postMessage(message, [channel.port2]);

/** The end the engine's API is exposed on (worker.ts); what the page sends before that waits in it. */
export const apiPort = channel.port1;

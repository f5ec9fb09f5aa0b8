import { ENGINE_PORT_MESSAGE, type EnginePortMessage } from '../shared/engine-api';

declare const self: DedicatedWorkerGlobalScope;

const channel = new MessageChannel();
const message: EnginePortMessage = { type: ENGINE_PORT_MESSAGE, port: channel.port2 };
// Sent as this worker's script starts: the page's calls then reach it as soon as it listens.
self.postMessage(message, [channel.port2]);

/** The end the engine's API is exposed on (worker.ts); what the page sends before that waits in it. */
export const apiPort = channel.port1;

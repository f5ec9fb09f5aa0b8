import { openDb } from '../shared/db';
import type { WriteRequest, WriterMessage } from '../shared/piece-writer-contract';
import { markOnce } from '../shared/timing-marks';
import { writePieces } from './piece-writes';

/** The piece writer (piece-writer.ts): stores what the engine worker hands over, off its thread. */
const send = (message: WriterMessage, transfer: Transferable[] = []): void => postMessage(message, transfer);

self.onmessage = async ({ data: { id, writes } }: MessageEvent<WriteRequest>) => {
  try {
    const values = await writePieces(writes);
    markOnce('writer:first-write');
    send({ type: 'written', id, values }, values);
  } catch (err) {
    const { name, message } = err instanceof Error ? err : new Error(String(err));
    send({ type: 'failed', id, name, message });
  }
};

openDb().then(
  () => send({ type: 'ready' }),
  // Never ready: the engine gives up on it after its timeout and writes on its own thread.
  (err: unknown) => console.warn('[piece writer] cannot open the database:', err),
);

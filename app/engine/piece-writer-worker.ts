import { openDb } from '../shared/db';
import type { WriteRequest, WriterMessage } from '../shared/piece-writer-contract';
import { markOnce } from '../shared/timing-marks';
import pLimit from 'p-limit';
import { TRANSACTIONS_AT_ONCE, writePieces } from './piece-writes';

/** The piece writer (piece-writer.ts): stores what the engine worker hands over, off its thread. */
const send = (message: WriterMessage, transfer: Transferable[] = []): void => postMessage(message, transfer);

/**
 * Requests queue here, not in the engine: while the engine reads response
 * bodies, its thread runs this worker's replies 50-290 ms late (a trace of a
 * warm download), and a write that waited for a reply before it was sent
 * left this worker idle meanwhile.
 */
const limit = pLimit(TRANSACTIONS_AT_ONCE);

self.onmessage = ({ data: { id, writes } }: MessageEvent<WriteRequest>) => void limit(() => store(id, writes));

async function store(id: number, writes: WriteRequest['writes']): Promise<void> {
  try {
    const values = await writePieces(writes);
    markOnce('writer:first-write');
    send({ type: 'written', id, values }, values);
  } catch (err) {
    const { name, message } = err instanceof Error ? err : new Error(String(err));
    send({ type: 'failed', id, name, message });
  }
}

openDb().then(
  () => send({ type: 'ready' }),
  // Never ready: the engine gives up on it after its timeout and writes on its own thread.
  (err: unknown) => console.warn('[piece writer] cannot open the database:', err),
);

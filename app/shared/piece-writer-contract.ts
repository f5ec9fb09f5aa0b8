import type { PieceKey } from './piece-runs';

/**
 * The engine worker ↔ piece writer worker boundary (app/engine/piece-writer*.ts).
 * Values travel transferred, not copied, both ways.
 */
export interface PieceWrite {
  key: PieceKey;
  value: ArrayBuffer;
}

/** Engine → writer: store these records in one transaction. */
export interface WriteRequest {
  id: number;
  writes: PieceWrite[];
}

/** Writer → engine. */
export type WriterMessage =
  /** Started and able to open the database: writes may be handed over from now on. */
  | { type: 'ready' }
  /** Committed; the values come back in the order they went, for the engine to keep using. */
  | { type: 'written'; id: number; values: ArrayBuffer[] }
  | { type: 'failed'; id: number; name: string; message: string };

/** Bytes per read of a response body: a few pieces, about what a socket takes at once on loopback. */
export const BODY_CHUNK_BYTES = 1024 * 1024;
/** Idle buffers kept for the next responses; more are freed. */
const MAX_IDLE = 16;

const idle: Buffer[] = [];

/** A buffer of BODY_CHUNK_BYTES, reused when one is idle. Its bytes are not cleared. */
export function takeBuffer(): Buffer {
  return idle.pop() ?? Buffer.allocUnsafeSlow(BODY_CHUNK_BYTES);
}

/** Hands a buffer back once nothing (a socket write included) refers to it any more. */
export function giveBuffer(buffer: Buffer): void {
  if (idle.length < MAX_IDLE && buffer.length === BODY_CHUNK_BYTES) idle.push(buffer);
}

/** Buffers waiting to be reused (for tests). */
export function idleBuffers(): number {
  return idle.length;
}

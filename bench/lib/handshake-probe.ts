import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { withTimeout } from './timeout.ts';

const PROTOCOL = Buffer.from('BitTorrent protocol');
const PROBE_TIMEOUT_MS = 5000;

/** A plain (unencrypted) BitTorrent handshake for `infoHash` from a random peer id. */
function handshake(infoHash: string): Buffer {
  return Buffer.concat([Buffer.from([PROTOCOL.length]), PROTOCOL, Buffer.alloc(8), Buffer.from(infoHash, 'hex'), randomBytes(20)]);
}

/** ms from a new TCP connection to a seeder until its first byte back, after our handshake. */
async function probeOnce(port: number, infoHash: string): Promise<number> {
  const began = performance.now();
  const socket = net.connect(port, '127.0.0.1', () => socket.write(handshake(infoHash)));
  const replied = new Promise<number>((resolve, reject) => {
    socket.once('data', () => resolve(performance.now() - began));
    socket.once('error', reject);
    socket.once('close', () => reject(new Error(`the seeder on port ${port} closed the connection without a reply`)));
  });
  try {
    return await withTimeout(replied, PROBE_TIMEOUT_MS, `handshake with the seeder on port ${port}`);
  } finally {
    socket.destroy();
  }
}

/**
 * How long a seeder takes to answer a peer's first handshake, `tries` times,
 * spaced by an uneven step so that a client working on a fixed tick (aria2c
 * answers new connections once a second) shows its whole spread. A cold
 * bridge waits this long before its first byte, whatever the browser does.
 */
export async function handshakeReplyTimes(port: number, infoHash: string, tries = 6): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < tries; i++) {
    await new Promise((r) => setTimeout(r, 200 + i * 167));
    times.push(await probeOnce(port, infoHash));
  }
  return times;
}

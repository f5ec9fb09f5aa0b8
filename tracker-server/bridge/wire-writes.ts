import { Wire, type WireWriteState } from '../vendor/bittorrent-protocol.ts';
import { joined } from './wire-reads.ts';

/** Messages shorter than this wait for the end of the tick; a block (16 KiB) goes at once. */
const SMALL_MESSAGE = 1024;

interface Batched extends WireWriteState {
  /** Small messages pushed this tick, in order, already encrypted. */
  _batch?: Uint8Array[];
  _batchBytes?: number;
}

function flush(wire: Batched): void {
  const batch = wire._batch;
  if (!batch?.length) return;
  const size = wire._batchBytes ?? 0;
  wire._batch = [];
  wire._batchBytes = 0;
  wire.push(batch.length === 1 ? batch[0]! : joined(batch, size));
}

let patched = false;

/**
 * bittorrent-protocol 5.0.9 pushes every message on its own, and webtorrent
 * pipes each push through two throttles and two transforms to its own socket
 * write: a 17-byte request per 16 KiB block, 16 384 write calls per 256 MiB.
 * This sends the small messages of one tick (a burst of requests, HAVEs) as
 * one chunk, in their order; a message a block long or longer first sends
 * what waits before it. Encryption still runs per message, in order, as RC4
 * is a stream.
 */
export function batchSmallWrites(): void {
  if (patched) return;
  patched = true;
  const proto = Wire.prototype;
  const onFinish = proto._onFinish;
  proto._push = function (this: Batched, data) {
    if (this._finished) return false;
    const bytes = this._encryptor ? this._encryptor.encrypt(data) : data;
    if (bytes.length >= SMALL_MESSAGE) {
      flush(this);
      return this.push(bytes);
    }
    this._batch ??= [];
    if (this._batch.length === 0) process.nextTick(flush, this);
    this._batch.push(bytes);
    this._batchBytes = (this._batchBytes ?? 0) + bytes.length;
    return true;
  };
  // What waits goes out before the end of the stream.
  proto._onFinish = function (this: Batched) {
    flush(this);
    onFinish.call(this);
  };
}

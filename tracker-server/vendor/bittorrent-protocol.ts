/**
 * bittorrent-protocol ships no types. This is the one place that gives the
 * parts of its Wire (the peer protocol parser webtorrent uses) a type.
 */

// Loaded by a non-literal specifier so it is untyped in every tsconfig.
const MODULE_NAME: string = 'bittorrent-protocol';
const untyped = (await import(MODULE_NAME)) as { default: unknown };

/** What bittorrent-protocol 5.0.9's Wire keeps of the bytes a peer sent that are not parsed yet. */
export interface WireReadState {
  /** Unparsed bytes, in the order they came. */
  _buffer: Uint8Array[];
  _bufferSize: number;
  /** Bytes the next message needs, and what takes them. */
  _parserSize: number;
  _parser: ((message: Uint8Array) => void) | null;
  /** Set during the encryption handshake: parsing waits, or looks for a pattern first. */
  _cryptoSyncPattern: Uint8Array | null;
  _pePending: boolean;
  _encryptor: { decrypt(data: Uint8Array): Uint8Array } | null;
}

/** What a Wire uses to send a message: its encryptor once MSE is set up, and the readable side it pushes to. */
export interface WireWriteState {
  _finished: boolean;
  _encryptor: { encrypt(data: Uint8Array): Uint8Array } | null;
  push(data: Uint8Array | null): boolean;
}

/** Functions that run with a wire as `this`; replaced as a whole (wire-reads.ts, wire-writes.ts). */
export interface WirePrototype {
  _write: (this: WireReadState & { _processBuffer(): void }, data: Uint8Array, cb: (err: Error | null) => void) => void;
  _processBuffer: (this: WireReadState) => void;
  /** Encrypts and pushes one whole message. */
  _push: (this: WireWriteState, data: Uint8Array) => boolean;
  /** Runs once the writable side has ended: pushes the end of the readable side. */
  _onFinish: (this: WireWriteState) => void;
}

export interface WireClass {
  new (type?: string, peEnabled?: number): WireReadState & {
    on(event: string, listener: (...args: never[]) => void): unknown;
    write(data: Uint8Array): boolean;
    destroy(): void;
  };
  prototype: WirePrototype;
}

export const Wire = untyped.default as WireClass;

/**
 * The prototype of bittorrent-protocol's MessageStreamEncryptor (the MSE
 * handshake a wire runs), which the package does not export: taken from a
 * wire made with encryption on, of a type that starts no handshake.
 */
export function mseEncryptorPrototype(): object {
  const wire = new Wire('probe', 1) as unknown as { _encryptor: object | null; destroy(): void };
  const encryptor = wire._encryptor;
  wire.destroy();
  if (!encryptor) throw new Error('bittorrent-protocol made a wire with encryption on but no encryptor');
  return Object.getPrototypeOf(encryptor) as object;
}

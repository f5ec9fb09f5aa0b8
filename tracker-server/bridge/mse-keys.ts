import { randomBytes } from 'node:crypto';
import { mseEncryptorPrototype } from '../vendor/bittorrent-protocol.ts';

/** MSE's 768-bit prime and its generator (the MSE specification, as bittorrent-protocol has them). */
const PRIME = BigInt(
  '0xffffffffffffffffc90fdaa22168c234c4c6628b80dc1cd129024e088a67cc74020bbea63b139b22514a08798e3404ddef9519b3cd3a431b302b0a6df25f14374fe1356d6d51c245e485b576625e7ec6f44c42e9a63a36210000000000090563',
);
const GENERATOR = 2n;
/** Public keys and the shared secret are sent and hashed as 96 bytes, big-endian, zero-padded. */
const KEY_BYTES = 96;
/** The specification's private keys are 160-bit random integers. */
const PRIVATE_BYTES = 20;

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n;
  let square = base % modulus;
  for (let e = exponent; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * square) % modulus;
    square = (square * square) % modulus;
  }
  return result;
}

const toBigInt = (bytes: Uint8Array): bigint =>
  bytes.length === 0 ? 0n : BigInt(`0x${Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex')}`);

const toBytes = (value: bigint): Buffer => Buffer.from(value.toString(16).padStart(KEY_BYTES * 2, '0'), 'hex');

/**
 * One side's Diffie-Hellman key pair for an MSE handshake, with the two
 * calls bittorrent-protocol makes of Node's DiffieHellman. Node's
 * constructor checks the prime each time (about 50 ms of the event loop per
 * encrypted connection here, which a swarm of peers adds up); this takes
 * about 1 ms. Not constant-time, which MSE (obfuscation, with RC4) never was.
 */
export class MseKeyPair {
  readonly #private: bigint;

  constructor() {
    let key = 0n;
    while (key < 2n) key = toBigInt(randomBytes(PRIVATE_BYTES));
    this.#private = key;
  }

  /** This side's public key, 96 bytes. */
  generateKeys(): Buffer {
    return toBytes(modPow(GENERATOR, this.#private, PRIME));
  }

  /** The shared secret from the peer's public key, 96 bytes; throws for a key no honest peer sends. */
  computeSecret(peerPublic: Uint8Array): Buffer {
    const key = toBigInt(peerPublic);
    // 0, 1 and p-1 would give a secret anyone can guess; Node's own check throws for them too.
    if (key < 2n || key > PRIME - 2n) throw new Error('The peer sent an invalid encryption key.');
    return toBytes(modPow(key, this.#private, PRIME));
  }
}

let patched = false;

/** Makes every wire's MSE handshake use MseKeyPair in place of Node's DiffieHellman. */
export function useFastMseKeys(): void {
  if (patched) return;
  patched = true;
  Object.defineProperty(mseEncryptorPrototype(), 'dh', {
    configurable: true,
    get(this: { _dh: MseKeyPair | null }) {
      this._dh ??= new MseKeyPair();
      return this._dh;
    },
  });
}

import { createDiffieHellman } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { mseEncryptorPrototype } from '../vendor/bittorrent-protocol.ts';
import { MseKeyPair, useFastMseKeys } from './mse-keys.ts';

const PRIME_HEX =
  'ffffffffffffffffc90fdaa22168c234c4c6628b80dc1cd129024e088a67cc74020bbea63b139b22514a08798e3404ddef9519b3cd3a431b302b0a6df25f14374fe1356d6d51c245e485b576625e7ec6f44c42e9a63a36210000000000090563';
const prime = BigInt(`0x${PRIME_HEX}`);
const bytes96 = (value: bigint): Buffer => Buffer.from(value.toString(16).padStart(192, '0'), 'hex');

describe('MSE key pairs', () => {
  it('agree on the secret with Node’s DiffieHellman on the MSE prime, both ways, in 96 bytes', () => {
    for (let i = 0; i < 5; i++) {
      const ours = new MseKeyPair();
      const node = createDiffieHellman(PRIME_HEX, 'hex', 2);
      const ourPublic = ours.generateKeys();
      const nodePublic = node.generateKeys();
      expect(ourPublic).toHaveLength(96);
      const secret = ours.computeSecret(nodePublic);
      expect(secret).toHaveLength(96);
      expect(secret.equals(node.computeSecret(ourPublic))).toBe(true);
    }
  });

  it('agree with each other, and each pair has its own key', () => {
    const a = new MseKeyPair();
    const b = new MseKeyPair();
    expect(a.generateKeys().equals(b.generateKeys())).toBe(false);
    expect(a.computeSecret(b.generateKeys()).equals(b.computeSecret(a.generateKeys()))).toBe(true);
    // The same pair gives the same public key each time it is asked.
    expect(a.generateKeys().equals(a.generateKeys())).toBe(true);
  });

  it('reads a peer key given in a view of a larger buffer', () => {
    const a = new MseKeyPair();
    const b = new MseKeyPair();
    const framed = Buffer.concat([Buffer.from([1, 2, 3]), b.generateKeys(), Buffer.from([4])]);
    expect(a.computeSecret(framed.subarray(3, 99)).equals(b.computeSecret(a.generateKeys()))).toBe(true);
  });

  it.each([
    ['zero', Buffer.alloc(96)],
    ['one', bytes96(1n)],
    ['p - 1', bytes96(prime - 1n)],
    ['p', bytes96(prime)],
    ['all ones, above p', Buffer.alloc(96, 0xff)],
  ])('refuses a peer key of %s', (_label, key) => {
    expect(() => new MseKeyPair().computeSecret(key)).toThrow('The peer sent an invalid encryption key.');
  });

  it('are what a wire’s encryption handshake uses once installed', () => {
    useFastMseKeys();
    const encryptor = Object.create(mseEncryptorPrototype()) as { _dh: unknown; dh: unknown };
    encryptor._dh = null;
    expect(encryptor.dh).toBeInstanceOf(MseKeyPair);
    expect(encryptor.dh).toBe(encryptor.dh);
  });
});

import { createCipheriv } from 'node:crypto';

/**
 * Whether Node's OpenSSL does RC4, which MSE (BitTorrent's protocol
 * encryption) uses. bittorrent-protocol checks the same once, at load, and
 * otherwise falls back to RC4 in JavaScript. libtorrent peers (qBittorrent)
 * pick RC4 when the bridge offers it and plaintext: through the JavaScript
 * cipher the bridge took 37–43 MB/s from qBittorrent at 6.7–8.1 s of CPU
 * per 256 MiB, through OpenSSL's 65–99 MB/s at 2.3–4.3 s. OpenSSL 3 keeps RC4 in
 * its legacy provider, which `npm start` loads (--openssl-legacy-provider).
 */
export function nativeRc4(): boolean {
  try {
    createCipheriv('rc4', Buffer.alloc(16), null);
    return true;
  } catch {
    return false;
  }
}

export const RC4_WARNING =
  'RC4 comes from JavaScript: encrypted peers (qBittorrent, Transmission) will be slow and cost CPU. ' +
  'Start Node with --openssl-legacy-provider, as npm start does.';

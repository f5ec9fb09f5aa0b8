const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** SHA-1 of `data` in lower-case hex, as webtorrent keeps piece hashes. */
export async function sha1Hex(data: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-1', data));
  let hex = '';
  for (const byte of digest) hex += HEX[byte];
  return hex;
}

/** Whether a piece's bytes match its hash from the torrent's metadata. */
export async function pieceMatches(data: Uint8Array<ArrayBuffer>, expectedHex: string): Promise<boolean> {
  return (await sha1Hex(data)) === expectedHex.toLowerCase();
}

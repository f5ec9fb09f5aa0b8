import bencode, { type BencodeValue } from 'bencode';
import { InputError } from './input';

export interface TorrentFileInfo {
  infoHash: string;
  name: string;
  announce: string[];
}

const MAX_TORRENT_FILE_BYTES = 16 * 1024 * 1024;
const NOT_A_TORRENT = 'That file is not a valid .torrent file.';

function isDict(v: BencodeValue | undefined): v is { [key: string]: BencodeValue } {
  return typeof v === 'object' && v !== null && !(v instanceof Uint8Array) && !Array.isArray(v);
}

const text = (v: BencodeValue | undefined): string | null =>
  v instanceof Uint8Array ? new TextDecoder().decode(v) : null;

function toHex(bytes: ArrayBuffer): string {
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Checks a .torrent file and computes its info hash (SHA-1 of the bencoded
 * info dictionary). Throws InputError in plain words when it is not one.
 */
export async function readTorrentFile(bytes: Uint8Array): Promise<TorrentFileInfo> {
  if (bytes.byteLength === 0) throw new InputError('That .torrent file is empty.');
  if (bytes.byteLength > MAX_TORRENT_FILE_BYTES) throw new InputError('That .torrent file is too large (over 16 MB).');
  let root: BencodeValue;
  try {
    root = bencode.decode(bytes);
  } catch {
    throw new InputError(NOT_A_TORRENT);
  }
  if (!isDict(root) || !isDict(root.info)) throw new InputError(NOT_A_TORRENT);
  const info = root.info;
  const name = text(info['name.utf-8']) ?? text(info.name);
  if (!name || typeof info['piece length'] !== 'number' || !(info.pieces instanceof Uint8Array)) {
    throw new InputError(NOT_A_TORRENT);
  }
  if (info.length === undefined && !Array.isArray(info.files)) {
    throw new InputError('That .torrent file is for BitTorrent v2 only, which is not supported.');
  }
  const digest = await crypto.subtle.digest('SHA-1', bencode.encode(info) as Uint8Array<ArrayBuffer>);
  const tiers = Array.isArray(root['announce-list']) ? root['announce-list'].flat() : [];
  const announce = [...new Set([root.announce, ...tiers].map((v) => text(v as BencodeValue)).filter((v) => v !== null))];
  return { infoHash: toHex(digest), name, announce };
}

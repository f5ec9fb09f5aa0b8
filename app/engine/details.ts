import type { TorrentRecord } from '../shared/db';
import { PieceState, type PeerKind, type PeerStatus, type TorrentDetail } from '../shared/engine-api';
import { storedPieces } from '../shared/records';
import type { WtTorrent, WtTorrentDetails, WtWire } from './webtorrent';

/** One state per piece: stored wins over downloading, the rest is missing. */
export function pieceStates(
  count: number,
  stored: (index: number) => boolean,
  downloading: (index: number) => boolean,
): Uint8Array {
  const states = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    if (stored(i)) states[i] = PieceState.Stored;
    else if (downloading(i)) states[i] = PieceState.Downloading;
  }
  return states;
}

/** webtorrent's wire.type, in the contract's words. */
export function peerKind(type: string): PeerKind {
  if (type === 'webSeed') return 'webseed';
  if (type.startsWith('tcp')) return 'tcp';
  if (type.startsWith('utp')) return 'utp';
  return 'webrtc';
}

function bitCount(byte: number): number {
  let n = 0;
  for (let b = byte; b !== 0; b &= b - 1) n++;
  return n;
}

/**
 * Share of the torrent's pieces a peer has. Whole bytes of its bitfield are
 * counted at once, as this runs for every peer every second. A peer that has
 * sent nothing has an empty bitfield; after have-all, webtorrent gives it an
 * empty stub that answers true for every piece.
 */
export function peerProgress(pieces: WtWire['peerPieces'], count: number): number | null {
  if (count === 0) return null;
  const { buffer } = pieces;
  if (buffer.length === 0) return pieces.get(0) ? 1 : null;
  const whole = Math.min(buffer.length, count >> 3);
  let has = 0;
  for (let i = 0; i < whole; i++) has += bitCount(buffer[i] ?? 0);
  for (let i = whole * 8; i < count; i++) if (pieces.get(i)) has++;
  return has / count;
}

export function peerAddress(wire: Pick<WtWire, 'url' | 'remoteAddress' | 'remotePort'>): string {
  if (wire.url) return wire.url;
  if (!wire.remoteAddress) return 'Address not shared';
  const host = wire.remoteAddress.includes(':') ? `[${wire.remoteAddress}]` : wire.remoteAddress;
  return wire.remotePort ? `${host}:${wire.remotePort}` : host;
}

// Wires have no id of their own before the handshake; number them as they are first seen.
const wireIds = new WeakMap<WtWire, string>();
let nextWireId = 1;

function wireId(wire: WtWire): string {
  let id = wireIds.get(wire);
  if (!id) wireIds.set(wire, (id = `peer-${nextWireId++}`));
  return id;
}

function peerOf(wire: WtWire, pieceCount: number): PeerStatus {
  return {
    id: wireId(wire),
    kind: peerKind(wire.type),
    address: peerAddress(wire),
    downloadSpeed: wire.downloadSpeed(),
    uploadSpeed: wire.uploadSpeed(),
    downloaded: wire.downloaded,
    uploaded: wire.uploaded,
    progress: peerProgress(wire.peerPieces, pieceCount),
  };
}

/** A piece is downloading while a wire has a block of it in flight or part of it is buffered. */
function downloadingIn(torrent: WtTorrentDetails): (index: number) => boolean {
  return (index) => {
    const piece = torrent.pieces[index];
    if (piece && piece.missing < piece.length) return true;
    return torrent._reservations?.[index]?.some((wire) => wire !== null) ?? false;
  };
}

/**
 * The torrent page's details. A running torrent answers from webtorrent; a
 * paused or stopped one from the pieces in IndexedDB, with no peers.
 */
export async function detailOf(record: TorrentRecord, torrent: WtTorrent | undefined): Promise<TorrentDetail> {
  const { infoHash } = record;
  const live = torrent && !torrent.destroyed ? (torrent as WtTorrentDetails) : undefined;
  const bitfield = live?.bitfield;
  if (live && bitfield) {
    const count = live.pieces.length;
    const pieces = pieceStates(count, (i) => bitfield.get(i), downloadingIn(live));
    return { infoHash, pieces, peers: live.wires.map((wire) => peerOf(wire, count)) };
  }
  const count = record.meta?.pieceCount ?? 0;
  if (count === 0) return { infoHash, pieces: new Uint8Array(0), peers: [] };
  const stored = new Set(await storedPieces(infoHash));
  return { infoHash, pieces: pieceStates(count, (i) => stored.has(i), () => false), peers: [] };
}

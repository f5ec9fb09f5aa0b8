import { describe, expect, it } from 'vitest';
import { PieceState } from '../shared/engine-api';
import { peerAddress, peerKind, peerProgress, pieceStates } from './details';

const bits = (set: number[], bufferLength = 1) => ({
  buffer: new Uint8Array(bufferLength),
  get: (i: number) => set.includes(i),
});

describe('pieceStates', () => {
  it('marks stored over downloading over missing', () => {
    const states = pieceStates(
      4,
      (i) => i === 0 || i === 1,
      (i) => i === 1 || i === 2,
    );
    expect([...states]).toEqual([PieceState.Stored, PieceState.Stored, PieceState.Downloading, PieceState.Missing]);
  });

  it('is empty for a torrent with no pieces yet', () => {
    expect(pieceStates(0, () => true, () => true)).toHaveLength(0);
  });
});

describe('peerKind', () => {
  it.each([
    ['webrtc', 'webrtc'],
    ['webSeed', 'webseed'],
    ['tcpIncoming', 'tcp'],
    ['tcpOutgoing', 'tcp'],
    ['utpIncoming', 'utp'],
    ['utpOutgoing', 'utp'],
  ])('maps %s to %s', (type, kind) => {
    expect(peerKind(type)).toBe(kind);
  });
});

describe('peerProgress', () => {
  it('is the share of pieces the peer has', () => {
    expect(peerProgress(bits([0, 2, 3]), 4)).toBe(0.75);
  });

  it('counts whole bytes of a real bitfield and the bits after them', () => {
    const buffer = Uint8Array.of(0b11110000, 0b00000001, 0b10000000);
    const get = (i: number) => ((buffer[i >> 3] ?? 0) & (128 >> i % 8)) !== 0;
    expect(peerProgress({ buffer, get }, 20)).toBe(6 / 20);
  });

  it('is null before the peer sent a bitfield', () => {
    expect(peerProgress(bits([], 0), 4)).toBeNull();
  });

  it('is 0 for a peer whose bitfield is empty', () => {
    expect(peerProgress(bits([], 1), 4)).toBe(0);
  });

  it('is 1 after have-all, whose bitfield is a stub that answers true', () => {
    expect(peerProgress({ buffer: new Uint8Array(0), get: () => true }, 5)).toBe(1);
  });
});

describe('peerAddress', () => {
  it('gives a web seed its URL', () => {
    expect(peerAddress({ url: 'http://127.0.0.1:8080/webseed/abc' })).toBe('http://127.0.0.1:8080/webseed/abc');
  });

  it('joins host and port, bracketing IPv6', () => {
    expect(peerAddress({ remoteAddress: '10.0.0.2', remotePort: 6881 })).toBe('10.0.0.2:6881');
    expect(peerAddress({ remoteAddress: '::1', remotePort: 6881 })).toBe('[::1]:6881');
  });

  it('says so when a WebRTC peer shares no address', () => {
    expect(peerAddress({})).toBe('Address not shared');
  });
});

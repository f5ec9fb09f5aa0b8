import { describe, expect, it, vi } from 'vitest';
import { POOL_CLAIM_MARGIN_MS, POOL_MAX_AGE_MS, type PcSnapshot, type RtcConfig } from '../../shared/rtc-protocol';
import { PreparedOffers } from './prepared-offers';

const snapshot: PcSnapshot = {
  connectionState: 'new',
  iceConnectionState: 'new',
  iceGatheringState: 'complete',
  signalingState: 'have-local-offer',
  localDescription: { type: 'offer', sdp: 'v=0 with candidates' },
  remoteDescription: null,
};
const hostOnly: RtcConfig = { iceServers: [] };
const stun: RtcConfig = { iceServers: [{ urls: 'stun:stun.example.org' }] };
/** A stand-in channel, and the spy on its close. */
function channel(): { dc: RTCDataChannel; close: ReturnType<typeof vi.fn> } {
  const close = vi.fn();
  return { dc: { close } as unknown as RTCDataChannel, close };
}

function ready(offers: PreparedOffers, pool: number, at = 0, config = hostOnly): void {
  offers.receive({ type: 'pool-ready', pool, config, sdp: `offer ${pool}`, snapshot }, at);
}

describe('PreparedOffers', () => {
  it('hands out a ready offer at once, and each one only once', async () => {
    const offers = new PreparedOffers();
    const { dc } = channel();
    offers.receive({ type: 'pool-channel', pool: 1, dc }, 0);
    ready(offers, 1);
    const taken = offers.take({ iceServers: [], iceTransportPolicy: 'all' }, 10);
    expect(taken?.pool).toBe(1);
    expect(taken?.dc).toBe(dc);
    await expect(taken?.offer).resolves.toEqual({ sdp: 'offer 1', snapshot });
    expect(offers.take(hostOnly, 20)).toBeNull();
  });

  it('prefers a ready offer, else hands out one still gathering whose offer follows', async () => {
    const offers = new PreparedOffers();
    offers.receive({ type: 'pool-channel', pool: 1, dc: channel().dc }, 0);
    offers.receive({ type: 'pool-channel', pool: 2, dc: channel().dc }, 0);
    ready(offers, 2);
    expect(offers.take(hostOnly, 5)?.pool).toBe(2);
    const waiting = offers.take(hostOnly, 5);
    expect(waiting?.pool).toBe(1);
    ready(offers, 1, 8);
    await expect(waiting?.offer).resolves.toEqual({ sdp: 'offer 1', snapshot });
    expect(offers.take(hostOnly, 10)).toBeNull();
  });

  it('fails a taken one the page gives up before its offer is ready, closing its channel', async () => {
    const offers = new PreparedOffers();
    const { dc, close } = channel();
    offers.receive({ type: 'pool-channel', pool: 1, dc }, 0);
    const taken = offers.take(hostOnly, 1);
    offers.receive({ type: 'pool-closed', pool: 1 }, 2);
    await expect(taken?.offer).rejects.toThrow(/gave up/);
    expect(close).toHaveBeenCalledOnce();
  });

  it('never gives a connection one made for other ICE servers', async () => {
    const offers = new PreparedOffers();
    offers.receive({ type: 'pool-channel', pool: 1, dc: channel().dc }, 0);
    ready(offers, 1, 0, stun);
    expect(offers.take(hostOnly, 10)).toBeNull();
    offers.receive({ type: 'pool-channel', pool: 2, dc: channel().dc }, 0);
    const waiting = offers.take(hostOnly, 10);
    ready(offers, 2, 12, stun);
    await expect(waiting?.offer).rejects.toThrow(/another configuration/);
    expect(offers.take(stun, 20)?.pool).toBe(1);
  });

  it('leaves alone a ready one the page may close before the adopt call reaches it', () => {
    const offers = new PreparedOffers();
    offers.receive({ type: 'pool-channel', pool: 1, dc: channel().dc }, 0);
    ready(offers, 1, 1000);
    expect(offers.take(hostOnly, 1000 + POOL_MAX_AGE_MS - POOL_CLAIM_MARGIN_MS + 1)).toBeNull();
    expect(offers.take(hostOnly, 1000 + POOL_MAX_AGE_MS - POOL_CLAIM_MARGIN_MS)?.pool).toBe(1);
  });

  it('closes and forgets the channel of one that expired unused', () => {
    const offers = new PreparedOffers();
    const { dc, close } = channel();
    offers.receive({ type: 'pool-channel', pool: 1, dc }, 0);
    ready(offers, 1);
    offers.receive({ type: 'pool-closed', pool: 1 }, 5);
    expect(close).toHaveBeenCalledOnce();
    expect(offers.take(hostOnly, 10)).toBeNull();
  });
});

/**
 * The ceiling under the WebRTC figure: one RTCDataChannel between two fresh
 * Chromiums (each with its profile on disk, as the leecher's is), no app and
 * no BitTorrent, the sender keeping 64 KiB buffered in 16 KiB messages as
 * simple-peer does. Signalled through the bench, host candidates only.
 */
import type { Page } from '@playwright/test';
import { newDiskContext } from './browser.ts';
import { withTimeout } from './timeout.ts';

const MESSAGE_BYTES = 16 * 1024;
const BUFFERED_BYTES = 64 * 1024;
const TIMEOUT_MS = 120_000;

interface Description {
  type: RTCSdpType;
  sdp?: string;
}

/** Sets a local description on the page's `pc` and returns it once every candidate is in it. */
const GATHERED = `new Promise((resolve) => {
  const pc = globalThis.benchPc;
  const done = () => pc.iceGatheringState === 'complete' && resolve(pc.localDescription.toJSON());
  pc.addEventListener('icegatheringstatechange', done);
  done();
})`;

async function sender(page: Page, bytes: number): Promise<Description> {
  await page.evaluate(
    ({ bytes, message, buffered }) => {
      const g = globalThis as unknown as { benchPc: RTCPeerConnection };
      const pc = new RTCPeerConnection({ iceServers: [] });
      g.benchPc = pc;
      const channel = pc.createDataChannel('raw');
      channel.bufferedAmountLowThreshold = buffered / 2;
      const data = new Uint8Array(message);
      let sent = 0;
      const pump = () => {
        while (sent < bytes && channel.bufferedAmount < buffered) {
          channel.send(data);
          sent += message;
        }
      };
      channel.onopen = pump;
      channel.onbufferedamountlow = pump;
      return pc.setLocalDescription();
    },
    { bytes, message: MESSAGE_BYTES, buffered: BUFFERED_BYTES },
  );
  return page.evaluate<Description>(GATHERED);
}

/** Answers `offer`; the page's `benchRate` then resolves with MB/s from the first message to the last. */
async function receiver(page: Page, offer: Description, bytes: number): Promise<Description> {
  await page.evaluate(
    async ({ offer, bytes }) => {
      const g = globalThis as unknown as { benchPc: RTCPeerConnection; benchRate: Promise<number> };
      const pc = new RTCPeerConnection({ iceServers: [] });
      g.benchPc = pc;
      g.benchRate = new Promise<number>((resolve) => {
        pc.ondatachannel = ({ channel }) => {
          channel.binaryType = 'arraybuffer';
          let got = 0;
          let first = 0;
          channel.onmessage = ({ data }: MessageEvent<ArrayBuffer>) => {
            first ||= performance.now();
            got += data.byteLength;
            if (got >= bytes) resolve(got / ((performance.now() - first) / 1000) / 1e6);
          };
        };
      });
      await pc.setRemoteDescription(offer);
      await pc.setLocalDescription();
    },
    { offer, bytes },
  );
  return page.evaluate<Description>(GATHERED);
}

/** MB/s (10^6 bytes/s) of `bytes` over one raw data channel between two fresh Chromiums. */
export async function rawDataChannelRate(bytes: number): Promise<number> {
  const a = await newDiskContext();
  try {
    const b = await newDiskContext();
    try {
      const from = await a.newPage();
      const to = await b.newPage();
      const offer = await sender(from, bytes);
      const answer = await receiver(to, offer, bytes);
      await from.evaluate((answer) => (globalThis as unknown as { benchPc: RTCPeerConnection }).benchPc.setRemoteDescription(answer), answer);
      const rate = to.evaluate(() => (globalThis as unknown as { benchRate: Promise<number> }).benchRate);
      return await withTimeout(rate, TIMEOUT_MS, 'raw data channel transfer');
    } finally {
      await b.close();
    }
  } finally {
    await a.close();
  }
}

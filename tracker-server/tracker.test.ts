import { once } from 'node:events';
import http from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { startTestServer, type TestServer } from './test-support.ts';
import {
  TrackerClient,
  type AnnounceUpdate,
  type TrackerClientOptions,
  type WebRtcPeer,
} from './vendor/bittorrent-tracker.ts';

// Bytes below 0x80: bittorrent-tracker bencodes binary scrape keys as UTF-8, so others come back mangled.
const INFO_HASH_HTTP = '41'.repeat(20);
const INFO_HASH_WS = 'b2'.repeat(20);
const INFO_HASH_GUARD = 'c3'.repeat(20);

/** A 40-char hex id as the 20 raw bytes trackers speak, in latin1 (one char per byte). */
function binary(hex: string): string {
  return Buffer.from(hex, 'hex').toString('latin1');
}

/** URL-encodes raw bytes for an HTTP tracker query. */
function queryBytes(hex: string): string {
  return [...Buffer.from(hex, 'hex')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');
}

async function getBytes(url: string): Promise<{ status: number; body: string }> {
  const res = await fetch(url);
  return { status: res.status, body: Buffer.from(await res.arrayBuffer()).toString('latin1') };
}

async function health(server: TestServer): Promise<{ status: string; tracker: { torrents: number; peers: number } }> {
  const res = await fetch(`${server.url}/health`);
  expect(res.status).toBe(200);
  return (await res.json()) as { status: string; tracker: { torrents: number; peers: number } };
}

/** Opens a raw WebSocket and resolves once it is open. */
async function openSocket(url: string): Promise<WebSocket> {
  const ws = new WebSocket(url);
  await once(ws, 'open');
  return ws;
}

async function nextMessage(ws: WebSocket): Promise<Record<string, unknown>> {
  const [data] = (await once(ws, 'message')) as [Buffer];
  return JSON.parse(data.toString('utf8')) as Record<string, unknown>;
}

async function closeSocket(ws: WebSocket): Promise<void> {
  if (ws.readyState === WebSocket.CLOSED) return;
  const closed = once(ws, 'close');
  ws.close();
  await closed;
}

describe('tracker', () => {
  let server: TestServer;
  const clients: TrackerClient[] = [];

  function client(opts: Omit<TrackerClientOptions, 'rtcConfig'>): TrackerClient {
    const c = new TrackerClient({ ...opts, rtcConfig: { iceServers: [] } });
    clients.push(c);
    return c;
  }

  const peers: WebRtcPeer[] = [];
  function nextPeer(c: TrackerClient): Promise<WebRtcPeer> {
    return new Promise((resolve, reject) => {
      c.once('peer', (peer) => {
        if (typeof peer === 'string') return reject(new Error(`expected a WebRTC peer, got ${peer}`));
        peers.push(peer);
        resolve(peer);
      });
    });
  }

  function connected(peer: WebRtcPeer): Promise<void> {
    if (peer.connected) return Promise.resolve();
    return new Promise((resolve, reject) => {
      peer.once('connect', resolve);
      peer.once('error', reject);
    });
  }

  function nextUpdate(c: TrackerClient): Promise<AnnounceUpdate> {
    return new Promise((resolve, reject) => {
      c.once('update', resolve);
      c.once('warning', reject);
    });
  }

  beforeAll(async () => {
    server = await startTestServer();
  });
  afterEach(async () => {
    for (const peer of peers.splice(0)) peer.destroy();
    await Promise.all(clients.splice(0).map((c) => new Promise<void>((resolve) => c.destroy(() => resolve()))));
  });
  afterAll(async () => {
    await server.stop();
  });

  it('runs an HTTP tracker: a second peer is told about the first', async () => {
    const announce = [`${server.url}/announce`];
    const first = client({ infoHash: INFO_HASH_HTTP, peerId: '01'.repeat(20), announce, port: 6881 });
    const firstUpdate = nextUpdate(first);
    first.start();
    expect(await firstUpdate).toMatchObject({ announce: announce[0], complete: 0, incomplete: 1 });

    const second = client({ infoHash: INFO_HASH_HTTP, peerId: '02'.repeat(20), announce, port: 6882 });
    const secondUpdate = nextUpdate(second);
    const told: unknown[] = [];
    second.on('peer', (peer) => told.push(peer));
    second.start();
    // The client emits the reply's peers synchronously right after 'update'.
    expect(await secondUpdate).toMatchObject({ complete: 0, incomplete: 2 });
    expect(told).toContain('127.0.0.1:6881');

    // Scrape sees the same swarm.
    const scrape = await getBytes(`${server.url}/scrape?info_hash=${queryBytes(INFO_HASH_HTTP)}`);
    expect(scrape.status).toBe(200);
    expect(scrape.body).toContain(`20:${binary(INFO_HASH_HTTP)}d8:completei0e10:downloadedi0e10:incompletei2ee`);

    expect((await health(server)).tracker).toEqual({ torrents: 1, peers: 2 });
  });

  it('answers a raw compact HTTP announce with the peers in the swarm', async () => {
    const infoHash = 'd4'.repeat(20);
    const base = `${server.url}/announce?info_hash=${queryBytes(infoHash)}&left=100&compact=1&event=started`;
    await getBytes(`${base}&peer_id=${'A'.repeat(20)}&port=7001`);
    const res = await getBytes(`${base}&peer_id=${'B'.repeat(20)}&port=7002`);
    expect(res.status).toBe(200);
    // Compact peers are 6 bytes each (IPv4, port); HTTP trackers may list the asker too.
    const head = 'd8:completei0e10:incompletei2e8:intervali600e5:peers12:';
    expect(res.body.startsWith(head) && res.body.endsWith('6:peers60:e')).toBe(true);
    const peers = res.body.slice(head.length, head.length + 12);
    const compact = (port: number): string => Buffer.from([127, 0, 0, 1, port >> 8, port & 0xff]).toString('latin1');
    expect([peers.slice(0, 6), peers.slice(6)].sort()).toEqual([compact(7001), compact(7002)].sort());
  });

  it(
    'runs a WebSocket tracker that signals two WebRTC peers into a connection',
    async () => {
      // Distinct URLs so the two clients do not share one pooled socket.
      const announce = (name: string): string[] => [`ws://127.0.0.1:${server.port}/announce?client=${name}`];
      const a = client({ infoHash: INFO_HASH_WS, peerId: '0a'.repeat(20), announce: announce('a'), port: 1 });
      const b = client({ infoHash: INFO_HASH_WS, peerId: '0b'.repeat(20), announce: announce('b'), port: 1 });

      // a only waits for offers; b sends one. (Each offer/answer waits out
      // simple-peer's 5 s ICE gathering in Node, hence one and the long timeout.)
      const before = (await health(server)).tracker;
      const aUpdate = nextUpdate(a);
      a.start({ numwant: 0 });
      expect(await aUpdate).toMatchObject({ complete: 0, incomplete: 1 });

      const aPeer = nextPeer(a);
      const bPeer = nextPeer(b);
      const bUpdate = nextUpdate(b);
      b.start({ numwant: 1 });
      expect(await bUpdate).toMatchObject({ complete: 0, incomplete: 2 });
      expect((await health(server)).tracker).toEqual({ torrents: before.torrents + 1, peers: before.peers + 2 });

      // The offer reached a through the tracker and a's answer reached b: they talk directly.
      const [fromA, toB] = await Promise.all([aPeer, bPeer]);
      await Promise.all([connected(fromA), connected(toB)]);
      const received = new Promise<Uint8Array>((resolve) => toB.once('data', resolve));
      fromA.send('hello over WebRTC');
      expect(Buffer.from(await received).toString()).toBe('hello over WebRTC');
    },
    60_000,
  );

  describe('bad input', () => {
    it('answers an HTTP announce without info_hash with a failure reason', async () => {
      const res = await getBytes(`${server.url}/announce?peer_id=${'x'.repeat(20)}&port=6881`);
      expect(res.status).toBe(200);
      expect(res.body).toBe('d14:failure reason17:invalid info_hashe');
    });

    it('answers an HTTP announce with a bad compact value with a failure reason', async () => {
      const query = `info_hash=${queryBytes(INFO_HASH_HTTP)}&peer_id=${'x'.repeat(20)}&port=6881&compact=5`;
      const res = await getBytes(`${server.url}/announce?${query}`);
      expect(res.body).toBe('d14:failure reason31:invalid compact: must be 0 or 1e');
    });

    it('answers a WebSocket announce without info_hash with a failure reason', async () => {
      const ws = await openSocket(`ws://127.0.0.1:${server.port}/announce`);
      try {
        const reply = nextMessage(ws);
        ws.send(JSON.stringify({ action: 'announce', peer_id: binary('0c'.repeat(20)), offers: [] }));
        expect(await reply).toEqual({ 'failure reason': 'invalid info_hash' });
        const badJson = nextMessage(ws);
        ws.send('{not json');
        expect(await badJson).toHaveProperty('failure reason');
      } finally {
        await closeSocket(ws);
      }
    });

    it('refuses malformed offers that would crash bittorrent-tracker', async () => {
      const listener = await openSocket(`ws://127.0.0.1:${server.port}/announce`);
      const attacker = await openSocket(`ws://127.0.0.1:${server.port}/announce`);
      try {
        // A peer in the swarm, so the tracker would forward offers to it.
        const announce = (peerId: string, offers: unknown[]): string =>
          JSON.stringify({
            action: 'announce',
            info_hash: binary(INFO_HASH_GUARD),
            peer_id: binary(peerId),
            event: 'started',
            offers,
          });
        const joined = nextMessage(listener);
        listener.send(announce('0d'.repeat(20), []));
        expect(await joined).toMatchObject({ action: 'announce', incomplete: 1 });

        const reply = nextMessage(attacker);
        attacker.send(announce('0e'.repeat(20), [null]));
        expect(await reply).toEqual({
          'failure reason': 'invalid `offers`: each needs an `offer` object and an `offer_id` string',
        });
      } finally {
        await Promise.all([closeSocket(listener), closeSocket(attacker)]);
      }
      expect((await health(server)).status).toBe('ok');
    });

    it('refuses WebSocket upgrades on other paths with a 404', async () => {
      const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
        const req = http.request(`${server.url}/not-the-tracker`, {
          headers: {
            connection: 'Upgrade',
            upgrade: 'websocket',
            'sec-websocket-version': '13',
            'sec-websocket-key': Buffer.from('0123456789abcdef').toString('base64'),
          },
        });
        req.on('response', resolve);
        req.on('upgrade', () => reject(new Error('upgraded on a path other than /announce')));
        req.on('error', reject);
        req.end();
      });
      let body = '';
      res.setEncoding('utf8');
      for await (const chunk of res) body += chunk as string;
      expect(res.statusCode).toBe(404);
      expect(JSON.parse(body)).toEqual({ error: 'WebSocket connections are only accepted at /announce.' });
    });

    it('is still healthy after all of it', async () => {
      expect((await health(server)).status).toBe('ok');
      const res = await fetch(`${server.url}/api/config`);
      expect(res.status).toBe(200);
    });
  });
});

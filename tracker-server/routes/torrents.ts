import type { FastifyInstance, FastifyReply } from 'fastify';
import type { Bridge } from '../bridge/bridge.ts';
import { BridgeError } from '../bridge/bridge-error.ts';
import { torrentFileWithWebSeed } from '../bridge/torrent-file-out.ts';
import { MAX_TORRENT_BYTES, sourceFromTorrentFile, sourceFromUri } from '../bridge/torrent-source.ts';
import { torrentStatus, torrentSummary, type TorrentStatus, type TorrentSummary } from '../bridge/torrent-status.ts';
import { publicOrigin } from '../http/public-origin.ts';
import type { MetadataCache } from '../metadata-cache.ts';
import { parseInfoHash } from '../../app/shared/input.ts';
import { entryFor } from './torrent-lookup.ts';

export interface AddTorrentBody {
  /** A magnet link, a 40-hex (or 32-base32) info hash, or an http(s) link to a .torrent. */
  uri: string;
}

export interface AddedTorrent {
  infoHash: string;
  name: string | null;
}

export interface TorrentList {
  torrents: TorrentSummary[];
}

const TORRENT_TYPES = ['application/x-bittorrent', 'application/octet-stream'];

const addSchema = {
  body: {
    content: {
      'application/json': {
        schema: {
          type: 'object',
          required: ['uri'],
          additionalProperties: false,
          properties: { uri: { type: 'string', minLength: 1, maxLength: 65_536 } },
        },
      },
      // A raw .torrent: checked by readTorrentFile, not by a schema.
      ...Object.fromEntries(TORRENT_TYPES.map((t) => [t, { schema: {} }])),
    },
  },
} as const;

/** Longest a client may hold GET /api/torrents/<ih>/torrent open waiting for the metadata. */
export const MAX_METADATA_WAIT_SECONDS = 30;

const torrentFileSchema = {
  querystring: {
    type: 'object',
    properties: {
      webseed: { type: 'string' },
      wait: { type: 'integer', minimum: 0, maximum: MAX_METADATA_WAIT_SECONDS },
    },
  },
} as const;

const publishSchema = {
  body: { content: Object.fromEntries(TORRENT_TYPES.map((t) => [t, { schema: {} }])) },
} as const;

/**
 * /api/torrents: the bridge's torrents.
 * POST answers 201 when the server joins a new swarm, 200 when it already had it.
 * PUT <ih>/torrent keeps a torrent's metadata for others to GET, without joining.
 */
export function registerTorrentRoutes(app: FastifyInstance, bridge: Bridge, published: MetadataCache): void {
  app.addContentTypeParser(TORRENT_TYPES, { parseAs: 'buffer', bodyLimit: MAX_TORRENT_BYTES }, (_req, body, done) =>
    done(null, body),
  );

  app.post('/api/torrents', { schema: addSchema }, async (request, reply): Promise<AddedTorrent> => {
    const body = request.body;
    // Only the two schema'd content types get here validated; fastify also parses text/plain.
    if (!Buffer.isBuffer(body) && !isAddBody(body)) throw new BridgeError(415, UNSUPPORTED_BODY);
    const source = Buffer.isBuffer(body) ? await sourceFromTorrentFile(body) : await sourceFromUri(body.uri);
    const { entry, created } = await bridge.add(source);
    reply.code(created ? 201 : 200).header('Location', `/api/torrents/${entry.infoHash}`);
    return { infoHash: entry.infoHash, name: torrentSummary(entry).name };
  });

  app.get('/api/torrents', (_request, reply): TorrentList => {
    noStore(reply);
    return { torrents: bridge.list().map(torrentSummary) };
  });

  app.get<{ Params: { infoHash: string } }>('/api/torrents/:infoHash', (request, reply): TorrentStatus => {
    const entry = entryFor(bridge, request.params.infoHash);
    bridge.touch(entry);
    noStore(reply);
    return torrentStatus(entry);
  });

  app.delete<{ Params: { infoHash: string } }>('/api/torrents/:infoHash', async (request, reply) => {
    const entry = entryFor(bridge, request.params.infoHash);
    await bridge.remove(entry.infoHash);
    return reply.code(204).send();
  });

  app.get<{ Params: { infoHash: string }; Querystring: { webseed?: string; wait?: number } }>(
    '/api/torrents/:infoHash/torrent',
    { schema: torrentFileSchema },
    async (request, reply) => {
      // Published metadata answers when the bridge has none: it may not have joined at all.
      const infoHash = parseInfoHash(request.params.infoHash);
      const cached = bridge.get(infoHash)?.torrent?.metadata instanceof Uint8Array ? undefined : published.get(infoHash);
      if (cached) return sendTorrentFile(reply, cached, infoHash);
      const entry = entryFor(bridge, request.params.infoHash);
      const wait = request.query.wait ?? 0;
      // A long poll: the answer comes the moment the metadata does, instead of at the client's next try.
      if (wait > 0 && entry.torrent && !(entry.torrent.metadata instanceof Uint8Array)) {
        await bridge.whenReady(entry, wait * 1000).catch(() => undefined);
      }
      const metadata = entry.torrent?.metadata;
      if (!entry.torrent || !(metadata instanceof Uint8Array)) {
        throw new BridgeError(
          409,
          entry.error ?? 'The server does not have this torrent\'s metadata yet. Try again when "ready" is true.',
        );
      }
      bridge.touch(entry);
      const origin = request.query.webseed === '0' ? null : publicOrigin(request);
      const bytes = torrentFileWithWebSeed(metadata, origin && `${origin}/webseed/${entry.infoHash}`);
      return sendTorrentFile(reply, bytes, entry.torrent.name ?? entry.infoHash);
    },
  );

  app.put<{ Params: { infoHash: string } }>(
    '/api/torrents/:infoHash/torrent',
    { schema: publishSchema },
    async (request, reply) => {
      const infoHash = parseInfoHash(request.params.infoHash);
      if (!Buffer.isBuffer(request.body)) throw new BridgeError(415, 'Send the .torrent file (Content-Type: application/x-bittorrent).');
      const source = await sourceFromTorrentFile(request.body);
      if (source.infoHash !== infoHash) {
        throw new BridgeError(400, `That .torrent is torrent ${source.infoHash}, not ${infoHash}.`);
      }
      published.put(infoHash, request.body);
      return reply.code(204).send();
    },
  );
}

function sendTorrentFile(reply: FastifyReply, bytes: Uint8Array, name: string): FastifyReply {
  return reply
    .type('application/x-bittorrent')
    .header('Content-Disposition', `attachment; filename="${name.replace(/[^\w.-]+/g, '_')}.torrent"`)
    .send(Buffer.from(bytes));
}

const UNSUPPORTED_BODY =
  'Send JSON {"uri": "<magnet link, info hash or .torrent URL>"} (Content-Type: application/json) ' +
  'or a .torrent file (Content-Type: application/x-bittorrent).';

function isAddBody(body: unknown): body is AddTorrentBody {
  return typeof body === 'object' && body !== null && typeof (body as Partial<AddTorrentBody>).uri === 'string';
}

function noStore(reply: FastifyReply): void {
  reply.header('Cache-Control', 'no-store');
}

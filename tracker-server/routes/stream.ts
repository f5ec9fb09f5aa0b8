import type { FastifyInstance } from 'fastify';
import { mimeTypeFor } from '../../app/shared/mime.ts';
import { parseStreamPath } from '../../app/shared/stream-url.ts';
import type { Bridge } from '../bridge/bridge.ts';
import { BridgeError } from '../bridge/bridge-error.ts';
import { InputError } from '../../app/shared/input.ts';
import { sendFileRange } from '../http/range-reply.ts';
import { entryFor, readyTorrent } from './torrent-lookup.ts';

/**
 * GET/HEAD /stream/<infoHash>/<fileIndex>[/<fileName>]: the same URL the
 * app's service worker answers from the browser's storage. Reaching the
 * server means no service worker (curl, a media player, a fresh tab), so the
 * bridge streams the file straight from the swarm.
 */
export function registerStreamRoutes(app: FastifyInstance, bridge: Bridge): void {
  app.route({
    method: ['GET', 'HEAD'],
    url: '/stream/*',
    exposeHeadRoute: false,
    handler: async (request, reply) => {
      const target = parseStreamPath(request.url.split('?', 1)[0] ?? '');
      if (!target) {
        throw new InputError('A stream URL is /stream/<infoHash>/<fileIndex>[/<fileName>], e.g. /stream/<40 hex>/0.');
      }
      const entry = entryFor(bridge, target.infoHash);
      const torrent = await readyTorrent(bridge, entry);
      const file = torrent.files[target.fileIndex];
      if (!file) {
        throw new BridgeError(404, `This torrent has ${torrent.files.length} files (0 to ${torrent.files.length - 1}); there is no file ${target.fileIndex}.`);
      }
      return sendFileRange(request, reply, bridge, entry, torrent, file, { contentType: mimeTypeFor(file.name), fileName: file.name });
    },
  });
}

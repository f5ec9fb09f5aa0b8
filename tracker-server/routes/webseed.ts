import type { FastifyInstance } from 'fastify';
import { InputError } from '../../app/shared/input.ts';
import type { Bridge } from '../bridge/bridge.ts';
import { BridgeError } from '../bridge/bridge-error.ts';
import { webSeedFileFinder } from '../bridge/webseed-paths.ts';
import { sendFileRange } from '../http/range-reply.ts';
import type { WebTorrentFile } from '../vendor/webtorrent.ts';
import { entryFor, readyTorrent } from './torrent-lookup.ts';
import { sendTorrentRange } from './torrent-range-reply.ts';

export const WEBSEED_PREFIX = '/webseed/';

/**
 * BEP19 web seed: a browser's webtorrent given the url-list entry
 * `<origin>/webseed/<infoHash>` fetches pieces here over HTTP with Range
 * requests (CORS open, see http/cors.ts). Bytes the bridge lacks are fetched
 * from the swarm first, with priority.
 *
 * `/webseed/<infoHash>` itself is the whole torrent's bytes (its files end to
 * end; for a single-file torrent, that file): the app's engine fetches piece
 * ranges there, across file boundaries. BEP19 clients ask multi-file torrents
 * for `<url>/<path>`, so this takes nothing from them.
 */
export function registerWebSeedRoutes(app: FastifyInstance, bridge: Bridge): void {
  const finders = new WeakMap<readonly WebTorrentFile[], ReturnType<typeof webSeedFileFinder>>();

  app.route({
    method: ['GET', 'HEAD'],
    url: `${WEBSEED_PREFIX}*`,
    exposeHeadRoute: false,
    handler: async (request, reply) => {
      // The raw target: file names may hold "?" or "%", which only it keeps as sent.
      const target = request.raw.url?.slice(WEBSEED_PREFIX.length) ?? '';
      const match = /^([0-9a-fA-F]{40})(\/.*)?$/s.exec(target);
      if (!match) throw new InputError('A web seed URL is /webseed/<infoHash>[/<path in the torrent>].');
      const entry = entryFor(bridge, match[1] ?? '');
      const torrent = await readyTorrent(bridge, entry);
      if (match[2] === undefined && torrent.files.length > 1) {
        return sendTorrentRange(request, reply, bridge, entry, torrent);
      }
      let find = finders.get(torrent.files);
      if (!find) {
        find = webSeedFileFinder(torrent.files.map((f) => f.path));
        finders.set(torrent.files, find);
      }
      const index = find(match[2] ?? '');
      const file = index === null ? undefined : torrent.files[index];
      if (!file) {
        throw new BridgeError(
          404,
          torrent.files.length === 1
            ? `This torrent has one file: fetch /webseed/${entry.infoHash} itself.`
            : `No file of this torrent is at that path; use /webseed/${entry.infoHash}/<file path as in the torrent, starting with its name>, ` +
                `or /webseed/${entry.infoHash} for the whole torrent's bytes.`,
        );
      }
      // Web seed clients want bytes, not a page to render.
      return sendFileRange(request, reply, bridge, entry, torrent, file, { contentType: 'application/octet-stream' });
    },
  });
}

import { encode } from 'magnet-uri';
import type { AddRequest } from '../shared/engine-api';
import { InputError, parseTorrentInput } from '../shared/input';
import { readTorrentFile } from '../shared/torrent-file';

/** Everything the engine needs to start a torrent, from any kind of input. */
export interface TorrentSource {
  infoHash: string;
  /** What webtorrent is given: a magnet link, or the .torrent bytes. */
  torrentId: string | Uint8Array;
  magnetURI: string;
  displayName: string | null;
}

const FETCH_TIMEOUT_MS = 20_000;

async function fromTorrentBytes(bytes: Uint8Array): Promise<TorrentSource> {
  const info = await readTorrentFile(bytes);
  return {
    infoHash: info.infoHash,
    torrentId: bytes,
    magnetURI: encode({ infoHash: info.infoHash, name: info.name, announce: info.announce }),
    displayName: info.name,
  };
}

async function fetchTorrentFile(url: string): Promise<Uint8Array> {
  const host = new URL(url).host;
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), credentials: 'omit' });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'TimeoutError') {
      throw new InputError(`${host} did not send the .torrent file within ${FETCH_TIMEOUT_MS / 1000} seconds.`);
    }
    throw new InputError(
      `Could not download the .torrent file from ${host}. The site may be down, or it may not allow downloads from other sites (CORS).`,
    );
  }
  if (!response.ok) throw new InputError(`${host} answered "${response.status} ${response.statusText}" for that .torrent link.`);
  return new Uint8Array(await response.arrayBuffer());
}

/** Turns what the user gave into a torrent source; throws InputError in plain words. */
export async function resolveSource(request: AddRequest): Promise<TorrentSource> {
  if (request.kind === 'torrent-file') return fromTorrentBytes(new Uint8Array(request.bytes));
  const input = parseTorrentInput(request.uri);
  if (input.kind === 'url') return fromTorrentBytes(await fetchTorrentFile(input.url));
  return {
    infoHash: input.infoHash,
    torrentId: input.magnetURI,
    magnetURI: input.magnetURI,
    displayName: input.name,
  };
}

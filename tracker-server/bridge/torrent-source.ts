import bencode from 'bencode';
import { InputError, parseTorrentInput } from '../../app/shared/input.ts';
import { readTorrentFile } from '../../app/shared/torrent-file.ts';
import { BridgeError } from './bridge-error.ts';
import { checkTorrentPaths } from './safe-paths.ts';

/** What the bridge is asked to join, checked: a magnet or a whole .torrent. */
export type TorrentSource =
  | { kind: 'magnet'; infoHash: string; name: string | null; magnetURI: string }
  | { kind: 'file'; infoHash: string; name: string; bytes: Uint8Array };

/** Same limit as the browser's readTorrentFile. */
export const MAX_TORRENT_BYTES = 16 * 1024 * 1024;
const DOWNLOAD_TIMEOUT_MS = 20_000;

/** A magnet link, an info hash, or an http(s) link to a .torrent (downloaded here). */
export async function sourceFromUri(uri: string): Promise<TorrentSource> {
  const input = parseTorrentInput(uri);
  if (input.kind === 'magnet') {
    return { kind: 'magnet', infoHash: input.infoHash, name: input.name, magnetURI: input.magnetURI };
  }
  return sourceFromTorrentFile(await downloadTorrent(input.url));
}

/** Validates a .torrent and refuses file names that could escape the torrent's folder. */
export async function sourceFromTorrentFile(bytes: Uint8Array): Promise<TorrentSource> {
  const { infoHash, name } = await readTorrentFile(bytes);
  // readTorrentFile has decoded it once already, so this cannot throw.
  const root = bencode.decode(bytes) as { info?: unknown };
  checkTorrentPaths(root.info);
  return { kind: 'file', infoHash, name, bytes };
}

async function downloadTorrent(url: string): Promise<Uint8Array> {
  let res: Response;
  try {
    res = await fetch(url, { redirect: 'follow', signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
  } catch (err) {
    const reason = err instanceof Error && err.name === 'TimeoutError' ? 'it did not answer in time' : 'it could not be reached';
    throw new BridgeError(502, `The .torrent link was not downloaded: ${reason}.`);
  }
  if (!res.ok) {
    await res.body?.cancel();
    throw new BridgeError(502, `The .torrent link answered HTTP ${res.status} instead of the file.`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body?.getReader();
  while (reader) {
    const read = (await reader.read()) as { done: boolean; value?: Uint8Array };
    if (read.done || !read.value) break;
    size += read.value.byteLength;
    if (size > MAX_TORRENT_BYTES) {
      await reader.cancel();
      throw new InputError('That link is not a .torrent file: it is larger than 16 MB.');
    }
    chunks.push(read.value);
  }
  return Buffer.concat(chunks);
}

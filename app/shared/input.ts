import { decode, encode } from 'magnet-uri';

/** What a user (or an /add?uri= link) gave us, checked and normalised. */
export type TorrentInput =
  | { kind: 'magnet'; infoHash: string; magnetURI: string; name: string | null; trackers: string[] }
  | { kind: 'url'; url: string };

/** Bad input; `message` is written for the person who typed it. */
export class InputError extends Error {
  override name = 'InputError';
}

const HEX_HASH = /^[0-9a-f]{40}$/i;
const BASE32_HASH = /^[a-z2-7]{32}$/i;

export function isInfoHash(value: string): boolean {
  return HEX_HASH.test(value);
}

/** Normalises a hex info hash to lower case; throws InputError otherwise. */
export function parseInfoHash(value: string): string {
  const trimmed = value.trim();
  if (!HEX_HASH.test(trimmed)) {
    throw new InputError('An info hash is 40 hexadecimal characters (0-9, a-f).');
  }
  return trimmed.toLowerCase();
}

/**
 * Accepts a magnet link, a 40-hex or 32-base32 info hash, or an http(s) URL of
 * a .torrent file. Throws InputError with a plain explanation otherwise.
 */
export function parseTorrentInput(raw: string): TorrentInput {
  const value = raw.trim();
  if (value === '') {
    throw new InputError('Paste a magnet link, an info hash or a link to a .torrent file.');
  }
  if (/^magnet:/i.test(value)) return parseMagnet(value);
  if (HEX_HASH.test(value) || BASE32_HASH.test(value)) {
    const parsed = parseMagnet(`magnet:?xt=urn:btih:${value}`);
    return { ...parsed, magnetURI: encode({ infoHash: parsed.infoHash }) };
  }
  if (/^https?:\/\//i.test(value)) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new InputError('That link is not a valid URL.');
    }
    return { kind: 'url', url: url.href };
  }
  if (/^[a-z][a-z0-9+.-]*:/i.test(value)) {
    throw new InputError('Only magnet links and http(s) links to .torrent files can be added.');
  }
  throw new InputError(
    'That is not a magnet link, an info hash or a link to a .torrent file. A magnet link starts with "magnet:?xt=urn:btih:".',
  );
}

function parseMagnet(uri: string): Extract<TorrentInput, { kind: 'magnet' }> {
  let data;
  try {
    data = decode(uri);
  } catch {
    throw new InputError('That is not a valid magnet link.');
  }
  const xts = [data.xt ?? []].flat();
  const infoHash = data.infoHash?.toLowerCase();
  if (!infoHash || !HEX_HASH.test(infoHash)) {
    if (xts.some((xt) => xt.startsWith('urn:btmh:'))) {
      throw new InputError('This magnet link is for a BitTorrent v2-only torrent, which is not supported.');
    }
    throw new InputError('That is not a valid magnet link: it has no BitTorrent info hash (xt=urn:btih:…).');
  }
  const trackers = data.announce.filter((tr) => /^(wss?|https?|udp):\/\//i.test(tr));
  const name = typeof data.name === 'string' && data.name !== '' ? data.name : null;
  return {
    kind: 'magnet',
    infoHash,
    name,
    trackers,
    magnetURI: uri,
  };
}

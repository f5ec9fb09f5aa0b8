import bencode from 'bencode';

/**
 * The .torrent as served to clients: the bridge's metadata with this server's
 * web seed added to `url-list` (BEP19), so a webtorrent that loads it fetches
 * over HTTP from here too. The info dictionary, hence the info hash, is untouched.
 */
export function torrentFileWithWebSeed(metadata: Uint8Array, webSeedUrl: string | null): Uint8Array {
  if (webSeedUrl === null) return metadata;
  const root = bencode.decode(metadata) as Record<string, unknown>;
  const existing = root['url-list'];
  const urls = (Array.isArray(existing) ? existing : existing === undefined ? [] : [existing])
    .filter((u): u is Uint8Array => u instanceof Uint8Array)
    .map((u) => Buffer.from(u).toString('utf8'));
  if (!urls.includes(webSeedUrl)) urls.push(webSeedUrl);
  root['url-list'] = urls;
  return bencode.encode(root);
}

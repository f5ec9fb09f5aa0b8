/**
 * The server's bridge to TCP/uTP swarms (tracker-server/bridge): asked to
 * join a torrent, it serves the torrent's metadata and its bytes over HTTP
 * (`/webseed/<infoHash>`), which webseed/ then downloads pieces from.
 */
export class BridgeClient {
  readonly #base: string;

  constructor(base: string) {
    this.#base = base.replace(/\/+$/, '');
  }

  /** The whole torrent's bytes, for webseed/webseed-fetcher.ts. */
  webSeedUrl(infoHash: string): string {
    return `${this.#base}/webseed/${infoHash}`;
  }

  /** Asks the bridge to join the swarm; rejects with the bridge's own words. */
  async join(uri: string): Promise<void> {
    const res = await fetch(`${this.#base}/api/torrents`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ uri }),
    });
    if (!res.ok) throw new Error(await reason(res));
  }

  /** The .torrent once the bridge has the metadata, else null. */
  async torrentFile(infoHash: string): Promise<Uint8Array | null> {
    // Without the url-list: webtorrent would add the bridge as a BEP19 web seed beside webseed/'s fetcher.
    const res = await fetch(`${this.#base}/api/torrents/${infoHash}/torrent?webseed=0`, { cache: 'no-store' });
    return res.ok ? new Uint8Array(await res.arrayBuffer()) : null;
  }
}

async function reason(res: Response): Promise<string> {
  try {
    const body = (await res.json()) as { error?: unknown };
    if (typeof body.error === 'string') return body.error;
  } catch {
    // Not JSON: fall through to the status line.
  }
  return `the bridge answered ${res.status} ${res.statusText}`;
}

/**
 * How long to keep asking the bridge for metadata: 2 minutes. Often enough
 * that a TCP swarm's torrent starts within a quarter second of the bridge having it.
 */
const METADATA_POLL_MS = 250;
const METADATA_ATTEMPTS = 480;

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

  /**
   * Polls for the .torrent until the bridge has it (the first try at once),
   * for 2 minutes or while `wanted()` holds; null when it gave up.
   */
  async waitForTorrentFile(infoHash: string, wanted: () => boolean): Promise<Uint8Array | null> {
    for (let attempt = 0; attempt < METADATA_ATTEMPTS; attempt++) {
      if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, METADATA_POLL_MS));
      if (!wanted()) return null;
      const bytes = await this.torrentFile(infoHash).catch(() => null);
      if (bytes) return bytes;
    }
    return null;
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

import { BridgeReadiness } from './bridge-readiness';

/** How long to keep asking the bridge for metadata. */
const METADATA_GIVE_UP_MS = 120_000;
/** Each ask is a long poll: the bridge answers the moment it has the metadata, or after this. */
const METADATA_WAIT_SECONDS = 10;
/** Least time between asks, when the bridge answers at once without it (e.g. it has not joined yet). */
const METADATA_RETRY_MS = 250;
/**
 * Long polls open at once, across torrents: the first torrent to wait gets
 * its metadata the moment the bridge does; the others hear of it from the
 * bridge's event stream within its 1 s tick (bridge-readiness.ts).
 */
const LONG_POLLS = 1;

/**
 * The server's bridge to TCP/uTP swarms (tracker-server/bridge): asked to
 * join a torrent, it serves the torrent's metadata and its bytes over HTTP
 * (`/webseed/<infoHash>`), which webseed/ then downloads pieces from.
 */
export class BridgeClient {
  readonly #base: string;
  /**
   * The bridge is the app's own server, which also serves this code: its
   * bytes are as trusted as the code that would check them (webseed-fetcher.ts).
   */
  readonly servesThisApp: boolean;
  #longPolls = 0;
  /** Null where there is no EventSource: every wait is then a long poll. */
  readonly #readiness: BridgeReadiness | null;

  constructor(base: string, appOrigin = globalThis.location?.origin) {
    this.#base = base.replace(/\/+$/, '');
    this.servesThisApp = appOrigin !== undefined && sameOrigin(this.#base, appOrigin);
    this.#readiness = typeof EventSource === 'function' ? new BridgeReadiness(`${this.#base}/api/events`) : null;
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

  /** Hands the server a torrent's metadata, for a link's next visitor to get at once (its own swarm, e.g. WebRTC only). */
  async publish(infoHash: string, torrentFile: Uint8Array): Promise<void> {
    const res = await fetch(`${this.#base}/api/torrents/${infoHash}/torrent`, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/x-bittorrent' },
      body: torrentFile.slice(),
    });
    if (!res.ok) throw new Error(await reason(res));
  }

  /** Where the server serves a torrent's .torrent. */
  torrentFileUrl(infoHash: string): string {
    // Without the url-list: webtorrent would add the bridge as a BEP19 web seed beside webseed/'s fetcher.
    return `${this.#base}/api/torrents/${infoHash}/torrent?webseed=0`;
  }

  /** The .torrent once the bridge has the metadata (waiting up to `waitSeconds` for it), else null. */
  async torrentFile(infoHash: string, waitSeconds = 0): Promise<Uint8Array | null> {
    const res = await fetch(`${this.torrentFileUrl(infoHash)}&wait=${waitSeconds}`, { cache: 'no-store' });
    const body = await res.arrayBuffer();
    return res.ok ? new Uint8Array(body) : null;
  }

  /**
   * Long-polls for the .torrent until the bridge has it, for 2 minutes or
   * while `wanted()` holds; null when it gave up.
   */
  async waitForTorrentFile(infoHash: string, wanted: () => boolean): Promise<Uint8Array | null> {
    const giveUpAt = Date.now() + METADATA_GIVE_UP_MS;
    while (Date.now() < giveUpAt && wanted()) {
      const asked = Date.now();
      const bytes = await this.#nextAsk(infoHash).catch(() => null);
      if (bytes) return bytes;
      const early = METADATA_RETRY_MS - (Date.now() - asked);
      if (early > 0) await new Promise((resolve) => setTimeout(resolve, early));
    }
    return null;
  }

  /** A long poll while none is open, else the bridge's event stream's word first, then a plain ask. */
  async #nextAsk(infoHash: string): Promise<Uint8Array | null> {
    if (this.#longPolls < LONG_POLLS || !this.#readiness) {
      this.#longPolls++;
      try {
        return await this.torrentFile(infoHash, METADATA_WAIT_SECONDS);
      } finally {
        this.#longPolls--;
      }
    }
    const ready = await this.#readiness.whenReady(infoHash, METADATA_WAIT_SECONDS * 1000);
    return ready ? this.torrentFile(infoHash) : null;
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

/** Whether `url` (absolute, or relative to `origin`) is on `origin`. */
export function sameOrigin(url: string, origin: string): boolean {
  try {
    return new URL(url, origin).origin === new URL(origin).origin;
  } catch {
    return false;
  }
}

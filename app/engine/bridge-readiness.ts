/** The part of EventSource this uses; tests give their own. */
export interface EventStream {
  addEventListener(type: 'torrents', listener: (event: MessageEvent<string>) => void): void;
  close(): void;
}

/** Kept open this long after the last waiter, as the next often follows at once (a waiter's next round). */
const IDLE_CLOSE_MS = 2_000;

/** The infoHashes a `torrents` event (tracker-server/routes/events.ts) says are ready; nothing for what it cannot read. */
export function readyInfoHashes(data: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(data);
  } catch {
    return [];
  }
  const torrents = (parsed as { torrents?: unknown } | null)?.torrents;
  if (!Array.isArray(torrents)) return [];
  return torrents.flatMap((t: unknown) => {
    const { infoHash, ready } = (t ?? {}) as { infoHash?: unknown; ready?: unknown };
    return ready === true && typeof infoHash === 'string' ? [infoHash] : [];
  });
}

/**
 * Which torrents the bridge has the metadata of, from its one event stream
 * (GET /api/events), for torrents beyond the first that wait on it: each
 * long poll of its own would hold one of the six connections a browser
 * keeps to a host, and with six magnets waiting, every other request to
 * the app's server (web seed ranges, joins) waited for one to end.
 * The stream is open only while some torrent waits.
 */
export class BridgeReadiness {
  readonly #url: string;
  readonly #open: (url: string) => EventStream;
  #stream: EventStream | null = null;
  #idle: ReturnType<typeof setTimeout> | null = null;
  readonly #waiters = new Map<string, Set<() => void>>();

  constructor(url: string, open: (url: string) => EventStream = (u) => new EventSource(u)) {
    this.#url = url;
    this.#open = open;
  }

  /** True once the bridge says `infoHash` is ready; false after `ms` without it. */
  whenReady(infoHash: string, ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const waiters = this.#waiters.get(infoHash) ?? new Set<() => void>();
      this.#waiters.set(infoHash, waiters);
      const settle = (ready: boolean): void => {
        clearTimeout(timer);
        waiters.delete(wake);
        if (waiters.size === 0 && this.#waiters.get(infoHash) === waiters) this.#waiters.delete(infoHash);
        if (this.#waiters.size === 0) this.#closeSoon();
        resolve(ready);
      };
      const wake = (): void => settle(true);
      const timer = setTimeout(() => settle(false), ms);
      waiters.add(wake);
      this.#keepOpen();
    });
  }

  /** Whether the event stream is open (for tests). */
  get open(): boolean {
    return this.#stream !== null;
  }

  #keepOpen(): void {
    if (this.#idle) clearTimeout(this.#idle);
    this.#idle = null;
    if (this.#stream) return;
    const stream = this.#open(this.#url);
    stream.addEventListener('torrents', (event) => {
      for (const infoHash of readyInfoHashes(event.data)) {
        for (const wake of [...(this.#waiters.get(infoHash) ?? [])]) wake();
      }
    });
    this.#stream = stream;
  }

  #closeSoon(): void {
    if (this.#idle) clearTimeout(this.#idle);
    this.#idle = setTimeout(() => {
      this.#idle = null;
      if (this.#waiters.size > 0) return;
      this.#stream?.close();
      this.#stream = null;
    }, IDLE_CLOSE_MS);
  }
}

import type { Remote } from 'comlink';
import type { StatusListener, TorrentStatus } from '../shared/engine-api';

/** Sends every torrent's status to the page's listeners, only when something changed. */
export class StatusPublisher {
  readonly #listeners = new Set<Remote<StatusListener> | StatusListener>();
  readonly #read: () => TorrentStatus[];
  #lastPushed = '';

  constructor(read: () => TorrentStatus[]) {
    this.#read = read;
  }

  /** A new listener gets the current statuses at once. */
  add(listener: StatusListener): void {
    this.#listeners.add(listener);
    this.#lastPushed = '';
    this.push();
  }

  read(): TorrentStatus[] {
    return this.#read();
  }

  push(): void {
    if (this.#listeners.size === 0) return;
    const statuses = this.#read();
    const serialised = JSON.stringify(statuses);
    if (serialised === this.#lastPushed) return;
    this.#lastPushed = serialised;
    for (const listener of this.#listeners) {
      // A closed page's listener rejects: drop it.
      Promise.resolve(listener(statuses)).catch(() => this.#listeners.delete(listener));
    }
  }
}

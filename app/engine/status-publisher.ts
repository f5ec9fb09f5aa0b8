import type { Remote } from 'comlink';
import type { NumberedStatuses, StatusListener, TorrentStatus } from '../shared/engine-api';

/** Sends every torrent's status to the page's listeners, only when something changed. */
export class StatusPublisher {
  readonly #listeners = new Set<Remote<StatusListener> | StatusListener>();
  readonly #read: () => TorrentStatus[];
  #lastPushed = '';
  /** Numbers every read, pushed or listed, so the page can tell the newest (NumberedStatuses). */
  #seq = 0;

  constructor(read: () => TorrentStatus[]) {
    this.#read = read;
  }

  /** A new listener gets the current statuses at once. */
  add(listener: StatusListener): void {
    this.#listeners.add(listener);
    this.#lastPushed = '';
    this.push();
  }

  read(): NumberedStatuses {
    return { seq: ++this.#seq, statuses: this.#read() };
  }

  push(): void {
    if (this.#listeners.size === 0) return;
    const numbered = this.read();
    const serialised = JSON.stringify(numbered.statuses);
    if (serialised === this.#lastPushed) return;
    this.#lastPushed = serialised;
    for (const listener of this.#listeners) {
      // A closed page's listener rejects: drop it.
      Promise.resolve(listener(numbered)).catch(() => this.#listeners.delete(listener));
    }
  }
}

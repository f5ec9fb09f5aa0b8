import type { NumberedStatuses, TorrentStatus } from '../../shared/engine-api';

/**
 * Keeps only the engine's newest statuses, whatever order they arrive in
 * (NumberedStatuses): a list() answer that lands after a later push would
 * otherwise show a state that has passed, until something changes again.
 */
export class NewestStatuses {
  #seq = 0;

  /** The statuses if newer than every one taken so far, else null. */
  take({ seq, statuses }: NumberedStatuses): TorrentStatus[] | null {
    if (seq <= this.#seq) return null;
    this.#seq = seq;
    return statuses;
  }
}

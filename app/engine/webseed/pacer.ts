/**
 * Keeps downloads under the user's download limit (Settings), which
 * webtorrent enforces on its peer wires only: each chunk read books its time
 * at the limit's rate, and a reader ahead of its booking waits.
 */
export class Pacer {
  readonly #rate: () => number;
  /** When the bytes booked so far are due, in ms. */
  #dueAt = 0;

  /** `rate` is bytes per second, read at every booking; 0 or less is no limit. */
  constructor(rate: () => number) {
    this.#rate = rate;
  }

  /** Whether a limit is set now. */
  get limited(): boolean {
    return this.#rate() > 0;
  }

  /** How long to wait, in ms, after `bytes` were read at `now`. */
  book(bytes: number, now: number): number {
    const rate = this.#rate();
    if (rate <= 0) {
      this.#dueAt = 0;
      return 0;
    }
    this.#dueAt = Math.max(this.#dueAt, now) + (bytes / rate) * 1000;
    return Math.max(0, this.#dueAt - now);
  }
}

/**
 * Bytes fetched but not yet stored. Reading a response waits while the
 * budget is spent, so a slow IndexedDB slows the fetching instead of
 * piling pieces up in memory.
 */
export class ByteBudget {
  readonly #limit: number;
  #used = 0;
  #waiting: { bytes: number; go: () => void }[] = [];

  constructor(limit: number) {
    this.#limit = limit;
  }

  get used(): number {
    return this.#used;
  }

  /** Resolves once `bytes` fit; one larger than the whole limit fits when nothing else is held. */
  take(bytes: number): Promise<void> {
    if (this.#waiting.length === 0 && this.#fits(bytes)) {
      this.#used += bytes;
      return Promise.resolve();
    }
    return new Promise((go) => this.#waiting.push({ bytes, go }));
  }

  give(bytes: number): void {
    this.#used -= bytes;
    // First come, first served, so a large request is not starved by small ones.
    while (this.#waiting.length > 0 && this.#fits(this.#waiting[0]!.bytes)) {
      const next = this.#waiting.shift()!;
      this.#used += next.bytes;
      next.go();
    }
  }

  #fits(bytes: number): boolean {
    return this.#used === 0 || this.#used + bytes <= this.#limit;
  }
}

/**
 * A new version of the app whose service worker is installed and waiting.
 * It takes over only when the user says so, since swapping the worker and
 * reloading would cut off a playing video.
 */
class AppUpdate {
  available = $state(false);
  #activate: (() => void) | null = null;

  /** Called by the service-worker registration; `activate` switches over and reloads. */
  offer(activate: () => void): void {
    this.#activate = activate;
    this.available = true;
  }

  apply(): void {
    this.#activate?.();
  }

  dismiss(): void {
    this.available = false;
  }
}

export const appUpdate = new AppUpdate();

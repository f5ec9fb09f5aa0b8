import { connectEngine } from '../engine/connect';
import type { FilePriority, TorrentDetail } from '../../shared/engine-api';
import { errorMessage } from '../lib/errors';
import { addSample, type SpeedSample } from '../lib/speed-history';
import { torrents } from './torrents.svelte';

/** How often the open torrent page asks for its piece map and peers. */
const POLL_MS = 1000;

/**
 * One torrent page's live details: the piece map and peers, polled from the
 * engine, and the speed history, sampled from the status pushes. Runs only
 * between open() and the function it returns, and skips polls while the tab
 * is hidden.
 */
export class TorrentDetails {
  readonly infoHash: string;
  detail = $state.raw<TorrentDetail | null>(null);
  speeds = $state.raw<SpeedSample[]>([]);

  constructor(infoHash: string) {
    this.infoHash = infoHash;
  }

  /** Starts polling; the returned function stops it (an $effect's cleanup). */
  open(): () => void {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let open = true;
    const tick = async (): Promise<void> => {
      if (document.visibilityState === 'visible') await this.#poll();
      if (open) timer = setTimeout(() => void tick(), POLL_MS);
    };
    // Not called here: reads in an $effect's own run would subscribe it to them.
    timer = setTimeout(() => void tick(), 0);
    return () => {
      open = false;
      clearTimeout(timer);
    };
  }

  /** Sets a file's priority; on failure shows the error in the app's banner. */
  async setPriority(fileIndex: number, priority: FilePriority): Promise<void> {
    try {
      const { api } = await connectEngine();
      await api.setFilePriority(this.infoHash, fileIndex, priority);
    } catch (err) {
      torrents.error = errorMessage(err);
    }
  }

  async #poll(): Promise<void> {
    const status = torrents.find(this.infoHash);
    if (status) {
      this.speeds = addSample(this.speeds, { at: Date.now() / 1000, down: status.downloadSpeed, up: status.uploadSpeed });
    }
    try {
      const { api } = await connectEngine();
      this.detail = await api.detail(this.infoHash);
    } catch {
      // The engine failing is shown by the torrent list already; the details just stop changing.
    }
  }
}

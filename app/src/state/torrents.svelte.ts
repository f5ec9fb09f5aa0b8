import { proxy } from 'comlink';
import { afterStart } from '../engine/after-start';
import { engineStarting, type EngineConnection } from '../engine/connect';
import type { AddRequest, AddResult, NumberedStatuses, TorrentStatus } from '../../shared/engine-api';
import { magnetName, warmAudioOutput } from '../../shared/audio-warmup';
import { parseTorrentInput, type TorrentInput } from '../../shared/input';
import { errorMessage } from '../lib/errors';
import { markOnce } from '../../shared/timing-marks';
import { NewestStatuses } from './newest-statuses';
import { pendingStatus } from './pending-status';
import { forgetSnapshot } from './status-snapshot';
import { isTorrentFile, torrentFileRequest } from '../lib/torrent-file';

/** The engine's torrents as the UI sees them, and the actions on them. */
class Torrents {
  statuses = $state<TorrentStatus[]>([]);
  /** True once the engine listed its torrents (or cannot), so a missing hash is really unknown. */
  loaded = $state(false);
  /** True once /stream/ URLs work. */
  streamingReady = $state(false);
  /** What went wrong with the user's last action, shown on the page it was made on (pageChanged clears it). */
  error = $state<string | null>(null);
  /** The engine or streaming failed to start: true of every page until dismissed. */
  engineError = $state<string | null>(null);
  /** How many adds are in flight, to show progress on the Add button. */
  adding = $state(0);
  /** Share of the files hashed while a torrent is being made, else null. */
  hashing = $state<number | null>(null);
  /** The latest added torrent, highlighted in the list. */
  lastAdded = $state<string | null>(null);
  /** A magnet link being added from a link, shown before the engine has it (pending-status.ts). */
  pending = $state<TorrentStatus | null>(null);
  #pendingAdd: Promise<unknown> = Promise.resolve();
  /** list() answers and pushes come over two ports, in no set order between them. */
  readonly #newest = new NewestStatuses();

  #connection: Promise<EngineConnection> | null = null;

  /** Connects to the engine and follows its statuses; safe to call more than once. */
  start(): void {
    this.#engine().catch((err: unknown) => {
      this.loaded = true;
      this.engineError = errorMessage(err);
    });
  }

  find(infoHash: string): TorrentStatus | undefined {
    return this.statuses.find((t) => t.infoHash === infoHash) ?? (this.pending?.infoHash === infoHash ? this.pending : undefined);
  }

  /** Adds a torrent; on failure shows the error and resolves null. */
  add(request: AddRequest): Promise<AddResult | null> {
    // Its film will want the audio output: the service starts while the metadata comes.
    warmAudioOutput(request.kind === 'uri' ? magnetName(request.uri) : null);
    return this.#addWith((api) => api.add(request));
  }

  /**
   * A link about to be added (/add): a magnet's torrent is found at once,
   * as pending, so its page shows from the first render while the engine
   * starts. Whoever adds it clears `pending` once it has moved on.
   */
  expectLink(uri: string): void {
    let input: TorrentInput | null = null;
    try {
      input = parseTorrentInput(uri);
    } catch {
      // The add says what is wrong with it.
    }
    if (input?.kind !== 'magnet') this.pending = null;
    else if (this.pending?.infoHash !== input.infoHash) this.pending = pendingStatus(input, Date.now());
  }

  /** Adds a link's magnet, info hash or .torrent URL (expectLink); actions on its torrent wait for it. */
  addLink(uri: string): Promise<AddResult | null> {
    this.expectLink(uri);
    const added = this.addText(uri);
    this.#pendingAdd = added;
    return added;
  }

  /** Adds a typed or linked magnet, info hash or .torrent URL, validated here first. */
  async addText(text: string): Promise<AddResult | null> {
    let uri: string;
    try {
      const input = parseTorrentInput(text);
      uri = input.kind === 'magnet' ? input.magnetURI : input.url;
    } catch (err) {
      this.error = errorMessage(err);
      return null;
    }
    return this.add({ kind: 'uri', uri });
  }

  /** Adds the .torrent files among `files`; says so if some were something else. */
  async addFiles(files: Iterable<File>): Promise<AddResult | null> {
    const all = [...files];
    const torrentFiles = all.filter(isTorrentFile);
    if (torrentFiles.length === 0) {
      this.error = 'Only .torrent files can be added this way.';
      return null;
    }
    let last: AddResult | null = null;
    for (const file of torrentFiles) {
      let request: AddRequest;
      try {
        request = await torrentFileRequest(file);
      } catch {
        this.error = `Could not read "${file.name}".`;
        continue;
      }
      last = (await this.add(request)) ?? last;
    }
    const skipped = all.length - torrentFiles.length;
    if (skipped > 0 && this.error === null) {
      this.error = `Skipped ${skipped === 1 ? 'a file that is' : `${skipped} files that are`} not a .torrent file.`;
    }
    return last;
  }

  /** Makes a torrent of the files, stores and seeds it; on failure shows the error and resolves null. */
  async seed(files: File[]): Promise<AddResult | null> {
    if (files.length === 0) return null;
    this.hashing = 0;
    try {
      return await this.#addWith((api) => api.seed(files, undefined, proxy((f: number) => (this.hashing = f))));
    } finally {
      this.hashing = null;
    }
  }

  /** Runs an add or a seed with progress on the Add button and errors in the banner. */
  async #addWith(action: (api: EngineConnection['api']) => Promise<AddResult>): Promise<AddResult | null> {
    this.error = null;
    this.adding++;
    try {
      // Not after the first statuses (#connect): an add goes to the engine right behind its start.
      void this.#engine().catch(() => {});
      const connection = await engineStarting();
      const result = await afterStart(connection.started, action(connection.api));
      this.lastAdded = result.infoHash;
      // Refresh now so the new torrent's page doesn't wait for the next push.
      this.#update(await connection.api.list());
      return result;
    } catch (err) {
      this.error = errorMessage(err);
      return null;
    } finally {
      this.adding--;
    }
  }

  /** Pauses or resumes; on failure shows the error. */
  async pause(infoHash: string): Promise<void> {
    await this.#control((api) => api.pause(infoHash));
  }

  async resume(infoHash: string): Promise<void> {
    await this.#control((api) => api.resume(infoHash));
  }

  async #control(action: (api: EngineConnection['api']) => Promise<void>): Promise<void> {
    this.error = null;
    await this.#pendingAdd;
    try {
      const { api } = await this.#engine();
      await action(api);
      this.#update(await api.list());
    } catch (err) {
      this.error = errorMessage(err);
    }
  }

  /** Removes a torrent and its data; resolves false (with the error shown) on failure. */
  async remove(infoHash: string): Promise<boolean> {
    this.error = null;
    await this.#pendingAdd;
    try {
      const { api } = await this.#engine();
      await api.remove(infoHash);
      forgetSnapshot(infoHash);
      this.statuses = this.statuses.filter((t) => t.infoHash !== infoHash);
      return true;
    } catch (err) {
      this.error = errorMessage(err);
      return false;
    }
  }

  dismissError(): void {
    this.error = null;
    this.engineError = null;
  }

  /** The user went to another page: an action's error stays with the page it was made on. */
  pageChanged(): void {
    this.error = null;
  }

  #engine(): Promise<EngineConnection> {
    this.#connection ??= this.#connect();
    return this.#connection;
  }

  async #connect(): Promise<EngineConnection> {
    const connection = await engineStarting();
    connection.streamingReady.then(
      () => (this.streamingReady = true),
      (err: unknown) => (this.engineError = errorMessage(err)),
    );
    const [, , listed] = await Promise.all([
      connection.started,
      connection.api.subscribe(proxy((numbered: NumberedStatuses) => this.#update(numbered))),
      connection.api.list(),
    ]);
    this.#update(listed);
    return connection;
  }

  #update(numbered: NumberedStatuses): void {
    const statuses = this.#newest.take(numbered);
    if (!statuses) return;
    if (statuses.some((t) => t.files.length > 0)) markOnce('page:files-known');
    this.statuses = statuses;
    this.loaded = true;
  }
}

export const torrents = new Torrents();

import { DEFAULT_SETTINGS, type EngineSettings } from '../../shared/engine-api';
import { readSettingsForm, settingsForm, type SettingsErrors, type SettingsForm } from '../../shared/settings';
import { connectEngine } from '../engine/connect';
import { readStoredSettings, writeStoredSettings } from '../engine/settings-storage';
import { errorMessage } from '../lib/errors';

export type SaveState = 'idle' | 'saving' | 'saved' | 'error';

/** The Settings page: the form, its checks, saving to the browser and handing the result to the engine. */
class Settings {
  saved = $state<EngineSettings>(readStoredSettings());
  form = $state<SettingsForm>(settingsForm(readStoredSettings()));
  errors = $state<SettingsErrors>({});
  state = $state<SaveState>('idle');
  /** What the save did, in plain words, for the status line. */
  note = $state('');
  /** navigator.storage.estimate(): bytes this site uses and may use; null where the browser cannot tell. */
  storage = $state<{ usage: number; quota: number } | null>(null);

  /** Shows what is saved now, dropping unsaved edits. */
  load(): void {
    const saved = readStoredSettings();
    this.saved = saved;
    this.form = settingsForm(saved);
    this.errors = {};
    this.state = 'idle';
    this.note = '';
  }

  /** Checks the form; when it is good, stores it and applies it to the running engine. */
  async save(): Promise<boolean> {
    const outcome = readSettingsForm(this.form);
    if (!outcome.ok) {
      this.errors = outcome.errors;
      this.state = 'error';
      this.note = 'Nothing was saved. Fix the fields marked in red.';
      return false;
    }
    this.errors = {};
    return this.#store(outcome.settings, 'Saved.');
  }

  async reset(): Promise<boolean> {
    this.form = settingsForm(DEFAULT_SETTINGS);
    this.errors = {};
    return this.#store(DEFAULT_SETTINGS, 'Defaults restored and saved.');
  }

  /** Edits after a save make the "Saved." line stale. */
  edited(): void {
    if (this.state === 'saved') this.state = 'idle';
  }

  async readStorage(): Promise<void> {
    const estimate = await navigator.storage?.estimate?.().catch(() => undefined);
    this.storage = estimate ? { usage: estimate.usage ?? 0, quota: estimate.quota ?? 0 } : null;
  }

  async #store(settings: EngineSettings, done: string): Promise<boolean> {
    this.state = 'saving';
    try {
      writeStoredSettings(settings);
    } catch (err) {
      this.state = 'error';
      this.note = `The browser would not store the settings: ${errorMessage(err)}`;
      return false;
    }
    this.saved = settings;
    this.form = settingsForm(settings);
    try {
      const { api } = await connectEngine();
      await api.configure(settings);
      this.note = done;
    } catch (err) {
      // Stored all the same: the engine takes them when it next starts.
      this.note = `${done} They apply once the engine starts (${errorMessage(err)}).`;
    }
    this.state = 'saved';
    return true;
  }
}

export const settings = new Settings();

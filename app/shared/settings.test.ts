import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type EngineSettings } from './engine-api';
import { describeSize, parseStoredSettings, readSettingsForm, settingsForm, type SettingsForm } from './settings';

const MB = 1024 ** 2;
const GB = 1024 ** 3;

const defaults = (): SettingsForm => settingsForm(DEFAULT_SETTINGS);

describe('readSettingsForm', () => {
  it('gives the defaults back for the default form', () => {
    expect(readSettingsForm(defaults())).toEqual({ ok: true, settings: DEFAULT_SETTINGS });
  });

  it('reads every field', () => {
    const form: SettingsForm = {
      extraTrackers: 'wss://a.example/announce\n\nhttps://b.example/announce, wss://a.example/announce',
      bridge: 'custom',
      bridgeUrl: 'https://bridge.example/',
      downloadLimit: '1.5',
      downloadUnit: 'MB/s',
      uploadLimit: '200',
      uploadUnit: 'KB/s',
      maxConnections: '30',
      storageQuota: '2',
      storageUnit: 'GB',
    };
    expect(readSettingsForm(form)).toEqual({
      ok: true,
      settings: {
        extraTrackers: ['wss://a.example/announce', 'https://b.example/announce'],
        bridge: 'https://bridge.example',
        downloadLimit: 1.5 * MB,
        uploadLimit: 200 * 1024,
        maxConnections: 30,
        storageQuota: 2 * GB,
      },
    });
  });

  it('gives one message per bad field', () => {
    const outcome = readSettingsForm({
      ...defaults(),
      extraTrackers: 'udp://old.example:80',
      bridge: 'custom',
      bridgeUrl: 'bridge',
      downloadLimit: 'lots',
      maxConnections: '9000',
      storageQuota: '0',
    });
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(Object.keys(outcome.errors).sort()).toEqual(['bridgeUrl', 'downloadLimit', 'extraTrackers', 'maxConnections', 'storageQuota']);
    expect(outcome.errors.extraTrackers).toMatch(/UDP tracker/);
  });

  it('refuses http(s) trackers when the bridge is off, since the browser cannot reach them', () => {
    const form = { ...defaults(), bridge: 'off' as const, extraTrackers: 'http://t.example/announce' };
    expect(readSettingsForm(form)).toEqual({
      ok: false,
      errors: { extraTrackers: expect.stringMatching(/only be reached through the bridge, which is off/) as unknown },
    });
    expect(readSettingsForm({ ...form, extraTrackers: 'wss://t.example/announce' }).ok).toBe(true);
  });
});

describe('settingsForm', () => {
  it('round-trips saved settings', () => {
    const settings: EngineSettings = {
      extraTrackers: ['wss://a.example/announce'],
      bridge: 'off',
      downloadLimit: 2 * MB,
      uploadLimit: 64 * 1024,
      maxConnections: 10,
      storageQuota: 500 * MB,
    };
    const form = settingsForm(settings);
    expect(form).toMatchObject({ downloadLimit: '2', downloadUnit: 'MB/s', storageQuota: '500', storageUnit: 'MB' });
    expect(readSettingsForm(form)).toEqual({ ok: true, settings });
  });

  it('shows a custom bridge in its own field', () => {
    expect(settingsForm({ ...DEFAULT_SETTINGS, bridge: 'https://b.example' })).toMatchObject({
      bridge: 'custom',
      bridgeUrl: 'https://b.example',
    });
  });
});

describe('parseStoredSettings', () => {
  it('falls back to the defaults for junk', () => {
    for (const junk of [null, undefined, 'x', 42, []]) expect(parseStoredSettings(junk)).toEqual(DEFAULT_SETTINGS);
  });

  it('keeps good fields and defaults bad ones, field by field', () => {
    expect(
      parseStoredSettings({
        extraTrackers: ['wss://ok.example/announce', 'udp://bad.example', 7],
        bridge: 'javascript:alert(1)',
        downloadLimit: -5,
        uploadLimit: 4096,
        maxConnections: 1e6,
        storageQuota: '2 GB',
        fromAnOlderVersion: true,
      }),
    ).toEqual({ ...DEFAULT_SETTINGS, extraTrackers: ['wss://ok.example/announce'], uploadLimit: 4096 });
  });

  it('keeps a valid custom bridge and off', () => {
    expect(parseStoredSettings({ bridge: 'https://b.example/' }).bridge).toBe('https://b.example');
    expect(parseStoredSettings({ bridge: 'off' }).bridge).toBe('off');
  });
});

describe('describeSize', () => {
  it('reads as the Settings page shows it', () => {
    expect(describeSize(2 * GB)).toBe('2 GB');
    expect(describeSize(1.5 * MB)).toBe('1.5 MB');
  });
});

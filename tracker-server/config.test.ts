import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, REPO_ROOT, type Env } from './config.ts';

const DEFAULT_BRIDGE = {
  dht: true,
  port: 0,
  maxBytes: 10 * 2 ** 30,
  idleSeconds: 1800,
  maxTorrents: 20,
  downloadLimit: 0,
  uploadLimit: 0,
};
const DEFAULT_API = { corsOrigins: [], rateLimitMax: 300, rateLimitWindowSeconds: 60, token: null };

const configDirs: string[] = [];
afterAll(() => {
  for (const dir of configDirs) rmSync(dir, { recursive: true, force: true });
});

/** Writes a CONFIG_FILE with `content` and returns its path. */
function configFile(content: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'btstream-config-'));
  configDirs.push(dir);
  const file = path.join(dir, 'config.json');
  writeFileSync(file, content);
  return file;
}

function configError(env: Env): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error(`expected a ConfigError for ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  it('has working defaults', () => {
    expect(loadConfig({})).toEqual({
      port: 8080,
      host: '127.0.0.1',
      dataDir: path.join(REPO_ROOT, '.data'),
      distDir: path.join(REPO_ROOT, 'dist'),
      logLevel: 'info',
      iceServers: [],
      bridge: DEFAULT_BRIDGE,
      api: DEFAULT_API,
    });
  });

  it('treats blank values as unset', () => {
    expect(loadConfig({ PORT: '', HOST: '  ', ICE_SERVERS: '' })).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      iceServers: [],
    });
  });

  it('reads every setting', () => {
    const config = loadConfig(
      {
        PORT: '0',
        HOST: '0.0.0.0',
        DATA_DIR: 'state',
        DIST_DIR: '/srv/app',
        LOG_LEVEL: 'DEBUG',
        ICE_SERVERS: 'stun:stun.example.org:3478, stuns:stun2.example.org',
      },
      '/home/me',
    );
    expect(config).toEqual({
      port: 0,
      host: '0.0.0.0',
      dataDir: '/home/me/state',
      distDir: '/srv/app',
      logLevel: 'debug',
      iceServers: [{ urls: 'stun:stun.example.org:3478' }, { urls: 'stuns:stun2.example.org' }],
      bridge: DEFAULT_BRIDGE,
      api: DEFAULT_API,
    });
  });

  it('reads the bridge and API settings', () => {
    const config = loadConfig({
      BRIDGE_DHT: 'false',
      BRIDGE_PORT: '6881',
      BRIDGE_MAX_BYTES: '1.5GiB',
      BRIDGE_IDLE_SECONDS: '60',
      BRIDGE_MAX_TORRENTS: '3',
      BRIDGE_DOWNLOAD_LIMIT: '512k',
      BRIDGE_UPLOAD_LIMIT: '1048576',
      CORS_ORIGINS: 'https://app.example.org, http://localhost:5173/',
      RATE_LIMIT_MAX: '0',
      RATE_LIMIT_WINDOW_SECONDS: '10',
      API_TOKEN: ' s3cret ',
    });
    expect(config.bridge).toEqual({
      dht: false,
      port: 6881,
      maxBytes: 1.5 * 2 ** 30,
      idleSeconds: 60,
      maxTorrents: 3,
      downloadLimit: 512 * 1024,
      uploadLimit: 1048576,
    });
    expect(config.api).toEqual({
      corsOrigins: ['https://app.example.org', 'http://localhost:5173'],
      rateLimitMax: 0,
      rateLimitWindowSeconds: 10,
      token: 's3cret',
    });
    expect(loadConfig({ CORS_ORIGINS: '*' }).api.corsOrigins).toEqual(['*']);
  });

  it('reads a CONFIG_FILE, with environment variables overriding it', () => {
    const file = configFile(JSON.stringify({ PORT: 9000, HOST: '0.0.0.0', BRIDGE_DHT: false, BRIDGE_MAX_TORRENTS: '7' }));
    const config = loadConfig({ CONFIG_FILE: file, HOST: '127.0.0.2', BRIDGE_MAX_TORRENTS: '' });
    expect(config.port).toBe(9000);
    expect(config.host).toBe('127.0.0.2');
    expect(config.bridge.dht).toBe(false);
    // A blank variable means "unset", so the file's value stands.
    expect(config.bridge.maxTorrents).toBe(7);
  });

  it.each([
    ['{"PORT": 80', 'it is not valid JSON'],
    ['[1, 2]', 'must hold a JSON object like {"PORT": 8080}'],
    ['{"PROT": 80}', 'has an unknown setting "PROT"'],
    ['{"PORT": [80]}', 'PORT must be a string, number or boolean'],
  ])('refuses the CONFIG_FILE %s', (content, reason) => {
    const file = configFile(content);
    const err = configError({ CONFIG_FILE: file });
    expect(err.variable).toBe('CONFIG_FILE');
    expect(err.message).toContain(reason);
    expect(err.message).toContain(file);
  });

  it('says when the CONFIG_FILE cannot be read', () => {
    const err = configError({ CONFIG_FILE: '/nonexistent/btstream.json' });
    expect(err.message).toBe('CONFIG_FILE "/nonexistent/btstream.json" was not loaded: it cannot be read.');
  });

  it('gives TURN servers their credentials', () => {
    const config = loadConfig({
      ICE_SERVERS: 'turn:turn.example.org:3478?transport=udp',
      TURN_USERNAME: 'alice',
      TURN_CREDENTIAL: 's3cret',
    });
    expect(config.iceServers).toEqual([
      { urls: 'turn:turn.example.org:3478?transport=udp', username: 'alice', credential: 's3cret' },
    ]);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT', 'PORT must be an integer from 0 to 65535 (0 picks a free port), got "eighty".'],
    [{ PORT: '65536' }, 'PORT', 'PORT must be an integer from 0 to 65535 (0 picks a free port), got "65536".'],
    [{ PORT: '-1' }, 'PORT', 'PORT must be an integer from 0 to 65535 (0 picks a free port), got "-1".'],
    [{ PORT: '80.5' }, 'PORT', 'PORT must be an integer from 0 to 65535 (0 picks a free port), got "80.5".'],
    [{ HOST: 'my host' }, 'HOST', 'HOST must be a host name or IP address to listen on, got "my host".'],
    [
      { LOG_LEVEL: 'loud' },
      'LOG_LEVEL',
      'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud".',
    ],
    [
      { ICE_SERVERS: 'stun:ok.example.org,https://nope.example.org' },
      'ICE_SERVERS',
      'ICE_SERVERS must be comma-separated stun:, stuns:, turn: or turns: URLs, got "https://nope.example.org".',
    ],
    [
      { ICE_SERVERS: 'turn:turn.example.org' },
      'ICE_SERVERS',
      'ICE_SERVERS has a TURN URL (turn:turn.example.org); set TURN_USERNAME and TURN_CREDENTIAL too.',
    ],
    [{ BRIDGE_DHT: 'maybe' }, 'BRIDGE_DHT', 'BRIDGE_DHT must be true or false, got "maybe".'],
    [{ BRIDGE_PORT: '70000' }, 'BRIDGE_PORT', 'BRIDGE_PORT must be an integer from 0 to 65535, got "70000".'],
    [
      { BRIDGE_MAX_BYTES: '0' },
      'BRIDGE_MAX_BYTES',
      'BRIDGE_MAX_BYTES must be a size in bytes like 1073741824, 512MiB or 10GiB, got "0".',
    ],
    [
      { BRIDGE_MAX_BYTES: 'lots' },
      'BRIDGE_MAX_BYTES',
      'BRIDGE_MAX_BYTES must be a size in bytes like 1073741824, 512MiB or 10GiB, got "lots".',
    ],
    [
      { BRIDGE_IDLE_SECONDS: '0' },
      'BRIDGE_IDLE_SECONDS',
      'BRIDGE_IDLE_SECONDS must be a whole number of seconds, at least 1, got "0".',
    ],
    [{ BRIDGE_MAX_TORRENTS: '-2' }, 'BRIDGE_MAX_TORRENTS', 'BRIDGE_MAX_TORRENTS must be an integer from 1 to 10000, got "-2".'],
    [
      { BRIDGE_UPLOAD_LIMIT: 'fast' },
      'BRIDGE_UPLOAD_LIMIT',
      'BRIDGE_UPLOAD_LIMIT must be a size in bytes like 1073741824, 512MiB or 10GiB per second, or 0 for no limit, got "fast".',
    ],
    [
      { CORS_ORIGINS: 'https://ok.example.org,https://bad.example.org/path' },
      'CORS_ORIGINS',
      'CORS_ORIGINS must be "*" or comma-separated origins like https://app.example.org, got "https://ok.example.org,https://bad.example.org/path".',
    ],
    [
      { RATE_LIMIT_WINDOW_SECONDS: '0' },
      'RATE_LIMIT_WINDOW_SECONDS',
      'RATE_LIMIT_WINDOW_SECONDS must be a whole number of seconds from 1 to 86400, got "0".',
    ],
  ] satisfies [Env, string, string][])('rejects %j with a one-line message', (env, variable, message) => {
    const err = configError(env);
    expect(err.variable).toBe(variable);
    expect(err.message).toBe(message);
    expect(err.message).not.toContain('\n');
  });
});

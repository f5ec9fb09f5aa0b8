import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseBoolean, parseByteSize, parseOrigins, parseWholeNumber } from './config-values.ts';

/** The repository root: defaults and the Vite config are found relative to it. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** One entry of RTCConfiguration.iceServers, as browsers take it. */
export interface IceServer {
  urls: string;
  username?: string;
  credential?: string;
}

export interface Config {
  port: number;
  host: string;
  /** Absolute path; created at start if missing. */
  dataDir: string;
  /** Absolute path of the built PWA (Vite's outDir). */
  distDir: string;
  logLevel: LogLevel;
  iceServers: IceServer[];
  bridge: BridgeConfig;
  api: ApiConfig;
}

/** The server's own BitTorrent client (tracker-server/bridge/). */
export interface BridgeConfig {
  /** Mainline DHT for finding peers of magnets without trackers. */
  dht: boolean;
  /** TCP and uTP port for BitTorrent peers; 0 picks a free one. */
  port: number;
  /** Disk the bridge may fill under DATA_DIR/bridge; least recently used torrents go first. */
  maxBytes: number;
  /** A torrent nobody has read for this long is dropped with its data. */
  idleSeconds: number;
  maxTorrents: number;
  /** Bytes per second; 0 means no limit. */
  downloadLimit: number;
  uploadLimit: number;
}

export interface ApiConfig {
  /** Origins allowed to call /api/* from other sites; ['*'] for any, [] for same-origin only. */
  corsOrigins: string[];
  /** Requests per window per client IP on /api/*; 0 turns the limit off. */
  rateLimitMax: number;
  rateLimitWindowSeconds: number;
  /** When set, POST/PUT/PATCH/DELETE on /api/* need `Authorization: Bearer <token>`. */
  token: string | null;
}

/** Every variable the server reads, so a CONFIG_FILE with a typo is refused. */
export const SETTING_NAMES = [
  'PORT',
  'HOST',
  'DATA_DIR',
  'DIST_DIR',
  'LOG_LEVEL',
  'ICE_SERVERS',
  'TURN_USERNAME',
  'TURN_CREDENTIAL',
  'BRIDGE_DHT',
  'BRIDGE_PORT',
  'BRIDGE_MAX_BYTES',
  'BRIDGE_IDLE_SECONDS',
  'BRIDGE_MAX_TORRENTS',
  'BRIDGE_DOWNLOAD_LIMIT',
  'BRIDGE_UPLOAD_LIMIT',
  'CORS_ORIGINS',
  'RATE_LIMIT_MAX',
  'RATE_LIMIT_WINDOW_SECONDS',
  'API_TOKEN',
] as const;

/** A bad setting. The message is one plain line naming the variable. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly variable: string,
    message: string,
  ) {
    super(message);
  }
}

export type Env = Readonly<Record<string, string | undefined>>;

/**
 * Reads and validates every setting. Pure apart from resolving relative paths
 * against `cwd`, so tests can call it with any env.
 */
export function loadConfig(processEnv: Env, cwd: string = process.cwd()): Config {
  const env = withConfigFile(processEnv, cwd);
  const turnUsername = optional(env, 'TURN_USERNAME');
  const turnCredential = optional(env, 'TURN_CREDENTIAL');
  return {
    port: parsePort(env),
    host: parseHost(env),
    dataDir: parseDir(env, 'DATA_DIR', path.join(REPO_ROOT, '.data'), cwd),
    distDir: parseDir(env, 'DIST_DIR', path.join(REPO_ROOT, 'dist'), cwd),
    logLevel: parseLogLevel(env),
    iceServers: parseIceServers(optional(env, 'ICE_SERVERS') ?? '', turnUsername, turnCredential),
    bridge: {
      dht: setting(env, 'BRIDGE_DHT', true, parseBoolean, 'true or false'),
      port: setting(env, 'BRIDGE_PORT', 0, (v) => parseWholeNumber(v, 0, 65535), 'an integer from 0 to 65535'),
      maxBytes: setting(env, 'BRIDGE_MAX_BYTES', 10 * 2 ** 30, positiveBytes, BYTES_HINT),
      idleSeconds: setting(env, 'BRIDGE_IDLE_SECONDS', 1800, (v) => parseWholeNumber(v, 1, 2 ** 31), 'a whole number of seconds, at least 1'),
      maxTorrents: setting(env, 'BRIDGE_MAX_TORRENTS', 20, (v) => parseWholeNumber(v, 1, 10_000), 'an integer from 1 to 10000'),
      downloadLimit: setting(env, 'BRIDGE_DOWNLOAD_LIMIT', 0, parseByteSize, `${BYTES_HINT} per second, or 0 for no limit`),
      uploadLimit: setting(env, 'BRIDGE_UPLOAD_LIMIT', 0, parseByteSize, `${BYTES_HINT} per second, or 0 for no limit`),
    },
    api: {
      corsOrigins: setting(env, 'CORS_ORIGINS', [], parseOrigins, '"*" or comma-separated origins like https://app.example.org'),
      rateLimitMax: setting(env, 'RATE_LIMIT_MAX', 300, (v) => parseWholeNumber(v, 0, 10_000_000), 'a whole number (0 turns the limit off)'),
      rateLimitWindowSeconds: setting(env, 'RATE_LIMIT_WINDOW_SECONDS', 60, (v) => parseWholeNumber(v, 1, 86_400), 'a whole number of seconds from 1 to 86400'),
      token: optional(env, 'API_TOKEN') ?? null,
    },
  };
}

const BYTES_HINT = 'a size in bytes like 1073741824, 512MiB or 10GiB';

function positiveBytes(raw: string): number | null {
  const bytes = parseByteSize(raw);
  return bytes !== null && bytes > 0 ? bytes : null;
}

/** An optional setting read by `parse`; the message says what `expected` looks like. */
function setting<T>(env: Env, name: string, fallback: T, parse: (raw: string) => T | null, expected: string): T {
  const raw = optional(env, name);
  if (raw === undefined) return fallback;
  const value = parse(raw);
  if (value === null) throw new ConfigError(name, `${name} must be ${expected}, got "${raw}".`);
  return value;
}

/**
 * CONFIG_FILE names a JSON object of the same settings (`{"PORT": 8080}`);
 * environment variables override it. Relative paths in it resolve against `cwd`.
 */
function withConfigFile(env: Env, cwd: string): Env {
  const file = optional(env, 'CONFIG_FILE');
  if (file === undefined) return env;
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path.resolve(cwd, file), 'utf8'));
  } catch (err) {
    const reason = err instanceof SyntaxError ? 'it is not valid JSON' : 'it cannot be read';
    throw new ConfigError('CONFIG_FILE', `CONFIG_FILE "${file}" was not loaded: ${reason}.`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new ConfigError('CONFIG_FILE', `CONFIG_FILE "${file}" must hold a JSON object like {"PORT": 8080}.`);
  }
  const fromFile: Record<string, string> = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (!(SETTING_NAMES as readonly string[]).includes(key)) {
      throw new ConfigError('CONFIG_FILE', `CONFIG_FILE "${file}" has an unknown setting "${key}".`);
    }
    if (!['string', 'number', 'boolean'].includes(typeof value)) {
      throw new ConfigError('CONFIG_FILE', `CONFIG_FILE "${file}": ${key} must be a string, number or boolean.`);
    }
    fromFile[key] = String(value as string | number | boolean);
  }
  const overrides = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  return { ...fromFile, ...overrides };
}

/** Trimmed value, or undefined when unset or blank (blank means "use the default"). */
function optional(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

function parsePort(env: Env): number {
  const raw = optional(env, 'PORT');
  if (raw === undefined) return 8080;
  const port = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(port) || port > 65535) {
    throw new ConfigError('PORT', `PORT must be an integer from 0 to 65535 (0 picks a free port), got "${raw}".`);
  }
  return port;
}

function parseHost(env: Env): string {
  const raw = optional(env, 'HOST');
  if (raw === undefined) return '127.0.0.1';
  // A host name or IP literal; brackets are allowed around IPv6 for convenience.
  const host = raw.startsWith('[') && raw.endsWith(']') ? raw.slice(1, -1) : raw;
  if (!/^[A-Za-z0-9.:%_-]+$/.test(host)) {
    throw new ConfigError('HOST', `HOST must be a host name or IP address to listen on, got "${raw}".`);
  }
  return host;
}

function parseDir(env: Env, name: string, fallback: string, cwd: string): string {
  const raw = optional(env, name);
  if (raw === undefined) return fallback;
  if (raw.includes('\0')) throw new ConfigError(name, `${name} is not a valid path.`);
  return path.resolve(cwd, raw);
}

function parseLogLevel(env: Env): LogLevel {
  const raw = optional(env, 'LOG_LEVEL');
  if (raw === undefined) return 'info';
  const level = LOG_LEVELS.find((l) => l === raw.toLowerCase());
  if (!level) {
    throw new ConfigError('LOG_LEVEL', `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got "${raw}".`);
  }
  return level;
}

const ICE_URL = /^(stuns?|turns?):[^\s,]+$/i;

function parseIceServers(raw: string, username: string | undefined, credential: string | undefined): IceServer[] {
  const urls = raw
    .split(',')
    .map((u) => u.trim())
    .filter((u) => u !== '');
  return urls.map((urls) => {
    if (!ICE_URL.test(urls)) {
      throw new ConfigError(
        'ICE_SERVERS',
        `ICE_SERVERS must be comma-separated stun:, stuns:, turn: or turns: URLs, got "${urls}".`,
      );
    }
    if (!/^turns?:/i.test(urls)) return { urls };
    // Browsers throw when a TURN server has no credentials, which would break every peer connection.
    if (username === undefined || credential === undefined) {
      throw new ConfigError(
        'ICE_SERVERS',
        `ICE_SERVERS has a TURN URL (${urls}); set TURN_USERNAME and TURN_CREDENTIAL too.`,
      );
    }
    return { urls, username, credential };
  });
}

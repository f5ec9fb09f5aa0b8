import path from 'node:path';
import { fileURLToPath } from 'node:url';

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
}

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
export function loadConfig(env: Env, cwd: string = process.cwd()): Config {
  const turnUsername = optional(env, 'TURN_USERNAME');
  const turnCredential = optional(env, 'TURN_CREDENTIAL');
  return {
    port: parsePort(env),
    host: parseHost(env),
    dataDir: parseDir(env, 'DATA_DIR', path.join(REPO_ROOT, '.data'), cwd),
    distDir: parseDir(env, 'DIST_DIR', path.join(REPO_ROOT, 'dist'), cwd),
    logLevel: parseLogLevel(env),
    iceServers: parseIceServers(optional(env, 'ICE_SERVERS') ?? '', turnUsername, turnCredential),
  };
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

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, REPO_ROOT, type Env } from './config.ts';

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
    });
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
  ] satisfies [Env, string, string][])('rejects %j with a one-line message', (env, variable, message) => {
    const err = configError(env);
    expect(err.variable).toBe(variable);
    expect(err.message).toBe(message);
    expect(err.message).not.toContain('\n');
  });
});

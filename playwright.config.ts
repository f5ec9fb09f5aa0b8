import { mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';
import { BASE_URL, E2E_PORT } from './tests/e2e/env.ts';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './tests/support/chromium.ts';

const CI = !!process.env.CI;

// A fresh server data directory per run. The config is also loaded by each test
// worker; they inherit E2E_DATA_DIR from the main process and must not wipe it.
if (!process.env.E2E_DATA_DIR) {
  const dir = path.join(os.tmpdir(), `btstream-e2e-data-${E2E_PORT}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  process.env.E2E_DATA_DIR = dir;
}
const DATA_DIR = process.env.E2E_DATA_DIR;

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'tests/artifacts/results',
  // Torrents over loopback WebRTC: slow by browser-test standards.
  timeout: 180_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: CI,
  retries: 0,
  reporter: [['list'], ['html', { outputFolder: 'tests/artifacts/report', open: 'never' }]],
  use: {
    baseURL: BASE_URL,
    headless: true,
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    video: 'off',
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
    },
  },
  projects: [{ name: 'chromium' }],
  webServer: {
    // The real server, started the way users start it.
    command: 'npm start',
    url: `${BASE_URL}/health`,
    env: {
      PORT: String(E2E_PORT),
      HOST: '127.0.0.1',
      DATA_DIR,
      ICE_SERVERS: '',
      // No internet here: the bridge finds peers through the project's tracker only.
      BRIDGE_DHT: 'false',
      // Per-request logs would drown the test output; E2E_LOG_LEVEL=info brings them back.
      LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn',
    },
    // The server builds the app first when dist/ is missing.
    timeout: 180_000,
    reuseExistingServer: !CI,
    stdout: 'pipe',
    stderr: 'pipe',
    gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
  },
});

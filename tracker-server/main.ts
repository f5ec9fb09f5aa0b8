import { ConfigError, loadConfig } from './config.ts';
import { createServer } from './server.ts';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    // A setting is wrong: say which in one line, no stack trace.
    console.error(`Configuration error: ${err.message}`);
    process.exit(2);
  }

  const server = await createServer(config);
  console.log(`BT Stream server listening on ${server.url}`);

  const shutdown = (signal: NodeJS.Signals): void => {
    console.log(`${signal} received, shutting down…`);
    server.close().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error('Shutdown failed:', err);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  // Startup failures (port in use, unreadable dirs) are the user's to fix: one line.
  const message = err instanceof Error ? err.message : String(err);
  console.error(`Could not start the server: ${message}`);
  process.exit(1);
});

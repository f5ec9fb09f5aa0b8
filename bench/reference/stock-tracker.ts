/**
 * Stock bittorrent-tracker's own WebSocket server, nothing around it: the
 * reference for the tracker scenario. Run as a child process (so its memory
 * can be read on its own): PORT=<port> node --import tsx bench/reference/stock-tracker.ts
 */
export {};

interface StockServer {
  listen(port: number, hostname: string, onListening: () => void): void;
  on(event: 'error' | 'warning', listener: (err: Error) => void): void;
  close(cb: () => void): void;
}

// Untyped package: a non-literal specifier keeps tsc from looking for its types.
const MODULE_NAME: string = 'bittorrent-tracker';
const { Server } = (await import(MODULE_NAME)) as {
  Server: new (opts: { http: false; udp: false; stats: false; ws: true }) => StockServer;
};

const port = Number(process.env.PORT);
if (!Number.isInteger(port) || port <= 0) throw new Error('PORT must be set');

const server = new Server({ http: false, udp: false, stats: false, ws: true });
server.on('error', (err) => console.error(`stock tracker error: ${err.message}`));
// Warnings are bad client data; the bench sends none, and ours logs them only at warn.
server.on('warning', () => undefined);
server.listen(port, '127.0.0.1', () => console.log('listening'));
process.once('SIGTERM', () => server.close(() => process.exit(0)));

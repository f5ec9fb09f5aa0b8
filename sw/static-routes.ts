/**
 * Requests this worker never answers go straight to the network, without
 * waking it: ServiceWorker static routing (Chromium 123+), declared at
 * install. Without it, every fetch of a controlled page or of the engine
 * worker it starts (a returning user's) first runs this worker's fetch
 * handlers only to fall through: each 32 MiB web seed range and API call
 * waited for this thread, which is also the one answering the player's
 * /stream/ requests.
 */
// Not /stream/ (answered here) nor /announce (WebSocket); app-shell.ts's SERVER_PATHS lists the
// paths whose navigations never get the app shell, a different question.
const NETWORK_PATHS = ['/webseed/*', '/api/*', '/health', '/metrics'];

/** The part of the static routing API used here (TypeScript's WebWorker lib has none). */
interface RouterRule {
  condition: { urlPattern: { pathname: string } };
  source: 'network';
}
interface RoutableInstallEvent extends ExtendableEvent {
  addRoutes(rules: RouterRule[]): Promise<void>;
}

function canAddRoutes(event: ExtendableEvent): event is RoutableInstallEvent {
  return typeof (event as Partial<RoutableInstallEvent>).addRoutes === 'function';
}

/** Declares the server's own paths network-only; where the browser lacks the API, the fetch handlers let them through as before. */
export function routeServerPaths(event: ExtendableEvent): void {
  if (!canAddRoutes(event)) return;
  const rules = NETWORK_PATHS.map((pathname): RouterRule => ({ condition: { urlPattern: { pathname } }, source: 'network' }));
  // A rule the browser refuses must not fail the install: the handlers cover these paths anyway.
  event.waitUntil(event.addRoutes(rules).catch((err: unknown) => console.warn('[sw] static routes refused:', err)));
}

import { isAppPath, parseRoute, type Route } from '../lib/routes';

/** A tiny History API router: the current route, and navigation that keeps back/forward working. */
class Router {
  route = $state<Route>(currentRoute());

  /** Goes to a same-origin path; `replace` swaps the history entry instead of adding one. */
  navigate(path: string, { replace = false } = {}): void {
    const url = new URL(path, location.href);
    if (replace) history.replaceState(null, '', url);
    else history.pushState(null, '', url);
    this.#sync();
    if (!replace) window.scrollTo(0, 0);
  }

  /** Listens for back/forward and link clicks; returns the cleanup. */
  start(): () => void {
    const onPopState = () => this.#sync();
    const onClick = (event: MouseEvent) => this.#onClick(event);
    window.addEventListener('popstate', onPopState);
    document.addEventListener('click', onClick);
    return () => {
      window.removeEventListener('popstate', onPopState);
      document.removeEventListener('click', onClick);
    };
  }

  #sync(): void {
    const next = currentRoute();
    // Hash-only changes keep the same route object, so nothing re-renders.
    if (JSON.stringify(next) !== JSON.stringify(this.route)) this.route = next;
  }

  #onClick(event: MouseEvent): void {
    // Leave modified clicks (new tab, download…) and handled clicks to the browser.
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = event.target instanceof Element ? event.target.closest('a') : null;
    if (!link?.href || link.hasAttribute('download')) return;
    if (link.target && link.target !== '_self') return;
    const url = new URL(link.href);
    // /stream/ URLs and assets must reach the service worker, not the router.
    if (url.origin !== location.origin || !isAppPath(url)) return;
    const samePage = url.pathname === location.pathname && url.search === location.search;
    if (samePage && url.hash !== '') return;
    event.preventDefault();
    if (!samePage) this.navigate(url.pathname + url.search + url.hash);
  }
}

function currentRoute(): Route {
  return parseRoute(new URL(location.href));
}

export const router = new Router();

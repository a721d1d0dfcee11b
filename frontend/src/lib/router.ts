import { useCallback, useSyncExternalStore } from 'react';

// A URL-ish route in the location hash, so that any screen can link to another:
// #/records/<type>/<id>, #/settings/users, ... No router library: the app has a handful
// of screens and the hash survives a reload of the webview.

function subscribe(onChange: () => void) {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

function snapshot() {
  return window.location.hash;
}

/** The route's parts: '#/records/customer/C1' gives ['records', 'customer', 'C1']. */
export function parseRoute(hash: string): string[] {
  return hash
    .replace(/^#\/?/, '')
    .split('?')[0]!
    .split('/')
    .filter((part) => part !== '')
    .map((part) => decodeURIComponent(part));
}

/** The hash for a route's parts. */
export function routeHref(...parts: string[]): string {
  return `#/${parts.map((p) => encodeURIComponent(p)).join('/')}`;
}

/** Goes to a route. */
export function navigate(...parts: string[]) {
  window.location.hash = routeHref(...parts);
}

/** The current route, re-rendering on change. */
export function useRoute(): { parts: string[]; go: (...parts: string[]) => void } {
  const hash = useSyncExternalStore(subscribe, snapshot, snapshot);
  const go = useCallback((...parts: string[]) => navigate(...parts), []);
  return { parts: parseRoute(hash), go };
}

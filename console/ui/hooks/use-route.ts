import { useEffect, useState } from 'preact/hooks';
import { parseRoute, type Route } from '../lib/router';

/** The route the location hash names, following back/forward and link navigation. */
export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const follow = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', follow);
    return () => window.removeEventListener('hashchange', follow);
  }, []);
  return route;
}

/** Opens a route as a link would, so it lands in the history and the back button returns. */
export function navigate(href: string): void {
  if (window.location.hash !== href) window.location.hash = href;
}

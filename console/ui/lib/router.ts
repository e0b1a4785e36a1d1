/** The console's views, addressed by the location hash so a reload or a shared link reopens them. */
export type Route =
  | { readonly view: 'overview' }
  | { readonly view: 'tasks'; readonly taskId?: string }
  | { readonly view: 'flows'; readonly correlationId?: string }
  | { readonly view: 'dead-letters' }
  | { readonly view: 'events' }
  | { readonly view: 'logs' }
  | { readonly view: 'not-found'; readonly path: string };

export type ViewName = Exclude<Route['view'], 'not-found'>;

/** The route a location hash (`#/tasks/abc`, `#/`, or empty) names; anything else is `not-found`. */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '').replace(/[?].*$/, '');
  const segments = path.split('/').filter((segment, index) => index > 0 || segment !== '');
  const notFound: Route = { view: 'not-found', path };
  if (segments.length === 0 || (segments.length === 1 && segments[0] === '')) return { view: 'overview' };
  const [view, id, ...rest] = segments;
  if (rest.length > 0 || view === undefined) return notFound;
  const decoded = id === undefined || id === '' ? undefined : decodeSegment(id);
  if (decoded === null) return notFound;
  if (view === 'tasks') return decoded === undefined ? { view } : { view, taskId: decoded };
  if (view === 'flows') return decoded === undefined ? { view } : { view, correlationId: decoded };
  const takesNoId = view === 'overview' || view === 'dead-letters' || view === 'events' || view === 'logs';
  return takesNoId && decoded === undefined ? { view } : notFound;
}

/** null when the segment is not valid percent-encoding (a hand-edited URL). */
function decodeSegment(segment: string): string | null {
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** The hash that opens a route; ids are percent-encoded so any character survives the round trip. */
export function routeHref(route: Route): string {
  switch (route.view) {
    case 'tasks':
      return route.taskId === undefined ? '#/tasks' : `#/tasks/${encodeURIComponent(route.taskId)}`;
    case 'flows':
      return route.correlationId === undefined
        ? '#/flows'
        : `#/flows/${encodeURIComponent(route.correlationId)}`;
    case 'not-found':
      return `#${route.path}`;
    default:
      return `#/${route.view}`;
  }
}

/** The hash of a view's landing page. */
export const viewHref = (view: ViewName): string => `#/${view}`;

export const taskHref = (taskId: string): string => routeHref({ view: 'tasks', taskId });
export const flowHref = (correlationId: string): string => routeHref({ view: 'flows', correlationId });

import type { IncomingMessage, ServerResponse } from 'node:http';
import { badRequest } from './errors';

/** What a route gets: the request, its parsed URL, the path's named parts and the answer. */
export interface RouteCall {
  readonly request: IncomingMessage;
  readonly url: URL;
  readonly params: Readonly<Record<string, string>>;
  readonly response: ServerResponse;
}

export interface Route {
  readonly method: 'GET' | 'POST';
  /** e.g. `/api/tasks/:taskId`; a `:name` part matches one non-empty path segment. */
  readonly path: string;
  readonly handle: (call: RouteCall) => void | Promise<void>;
}

interface CompiledRoute extends Route {
  readonly pattern: RegExp;
  readonly names: readonly string[];
}

/** Finds the route of a request; `405` when the path exists for another method. */
export class Router {
  private readonly routes: CompiledRoute[];

  constructor(routes: readonly Route[]) {
    this.routes = routes.map((route) => {
      const names: string[] = [];
      const source = route.path
        .split('/')
        .map((segment) => {
          if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          names.push(segment.slice(1));
          return '([^/]+)';
        })
        .join('/');
      return { ...route, pattern: new RegExp(`^${source}$`), names };
    });
  }

  match(
    method: string,
    pathname: string,
  ): { route: Route; params: Record<string, string> } | 'method-not-allowed' | undefined {
    let pathExists = false;
    for (const route of this.routes) {
      const found = route.pattern.exec(pathname);
      if (found === null) continue;
      pathExists = true;
      if (route.method !== method) continue;
      const params: Record<string, string> = {};
      route.names.forEach((name, index) => {
        params[name] = decodePart(found[index + 1] ?? '');
      });
      return { route, params };
    }
    return pathExists ? 'method-not-allowed' : undefined;
  }
}

function decodePart(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw badRequest(`the path segment ${JSON.stringify(part)} is not valid percent-encoding`);
  }
}

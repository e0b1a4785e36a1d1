import type { IncomingMessage } from 'node:http';
import { refuseBrowserRequest } from '../../local/platform/browser-guard';
import { cookieValues, isSameToken, sessionCookieName } from './access-token';
import { ConsoleHttpError } from './errors';

/**
 * Why a request cannot come from the console's own pages, or undefined: the `Host` must be a
 * loopback name (DNS rebinding) and any `Origin` the console's own (other sites' pages).
 */
export function refuseForeignRequest(request: IncomingMessage): ConsoleHttpError | undefined {
  const refusal = refuseBrowserRequest(
    {
      method: request.method ?? 'GET',
      header: (name) => {
        const value = request.headers[name];
        return Array.isArray(value) ? value.join(', ') : value;
      },
      localPort: request.socket.localPort ?? 0,
    },
    { preflight: 'refuse' },
  );
  return refusal === undefined
    ? undefined
    : new ConsoleHttpError(refusal.statusCode, refusal.error, refusal.message);
}

/**
 * Why a request that passed `refuseForeignRequest` may not use the console, or undefined: the
 * session cookie must hold this start's token (other local users, other browsers), and a
 * request that changes state must carry an `Origin`, which then is the console's own.
 */
export function refuseWithoutSession(request: IncomingMessage, token: string): ConsoleHttpError | undefined {
  const sessions = cookieValues(request.headers.cookie, sessionCookieName(request.socket.localPort ?? 0));
  if (!sessions.some((session) => isSameToken(session, token))) {
    return new ConsoleHttpError(
      401,
      'Unauthorized',
      'No console session: open the console URL `npm start` printed (its token is exchanged for a session cookie).',
    );
  }
  if (request.method !== 'GET' && request.headers.origin === undefined) {
    return new ConsoleHttpError(
      403,
      'CrossOriginRequest',
      'A request that changes state needs the Origin header of the console page.',
    );
  }
  return undefined;
}

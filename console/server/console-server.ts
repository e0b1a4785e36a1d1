import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isSameToken, sessionCookie, TOKEN_PARAMETER } from './access-token';
import { ConsoleHttpError } from './errors';
import { sendError } from './http-answers';
import { refuseForeignRequest, refuseWithoutSession } from './request-guard';
import { type Route, Router } from './router';
import { SECURITY_HEADERS } from './security-headers';
import type { StaticAsset } from './static-assets';

export interface ConsoleServerOptions {
  /** On 127.0.0.1; 0 picks a free one. */
  readonly port: number;
  /** This start's access token. */
  readonly token: string;
  readonly routes: readonly Route[];
  readonly assets: ReadonlyMap<string, StaticAsset>;
  /** Turns an unexpected failure into a 500 the page may see (and logs it). */
  readonly internalError: (error: unknown, what: string) => ConsoleHttpError;
}

export interface ListeningConsole {
  /** `http://127.0.0.1:<port>` */
  readonly origin: string;
  /** Ends open streams and closes the port. */
  close(): Promise<void>;
}

const UNAUTHORIZED_PAGE = Buffer.from(
  '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Switchyard console</title></head>' +
    '<body><h1>Switchyard console</h1><p>This page needs a console session. Open the console URL that ' +
    '<code>npm start</code> printed (also <code>consoleUrl</code> in <code>.switchyard/endpoints.json</code>); ' +
    'it carries a token that is exchanged for a session cookie.</p></body></html>',
  'utf8',
);

/** The console's HTTP server: the guard, the token exchange, the API routes and the built pages. */
export async function listenConsole(options: ConsoleServerOptions): Promise<ListeningConsole> {
  const router = new Router(options.routes);
  const server = createServer((request, response) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
    handle(request, response, options, router).catch((error: unknown) =>
      sendError(
        response,
        error instanceof ConsoleHttpError
          ? error
          : options.internalError(error, `${request.method} ${request.url?.split('?')[0]}`),
      ),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return { origin: `http://127.0.0.1:${port}`, close: () => closeServer(server) };
}

async function handle(
  request: IncomingMessage,
  response: ServerResponse,
  options: ConsoleServerOptions,
  router: Router,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://127.0.0.1');
  const foreign = refuseForeignRequest(request);
  if (foreign !== undefined) throw foreign;
  if (request.method === 'GET' && url.pathname === '/' && url.searchParams.has(TOKEN_PARAMETER)) {
    exchangeToken(response, url, options.token, request.socket.localPort ?? 0);
    return;
  }
  const refusal = refuseWithoutSession(request, options.token);
  if (refusal !== undefined) {
    if (refusal.statusCode === 401 && !url.pathname.startsWith('/api/')) {
      sendPage(response, 401, UNAUTHORIZED_PAGE);
      return;
    }
    throw refusal;
  }
  if (url.pathname.startsWith('/api/')) {
    const found = router.match(request.method ?? 'GET', url.pathname);
    if (found === undefined) throw new ConsoleHttpError(404, 'NotFound', `no console API at ${url.pathname}`);
    if (found === 'method-not-allowed') {
      throw new ConsoleHttpError(
        405,
        'MethodNotAllowed',
        `${request.method} is not allowed on ${url.pathname}`,
      );
    }
    await found.route.handle({ request, url, params: found.params, response });
    return;
  }
  if (request.method !== 'GET')
    throw new ConsoleHttpError(405, 'MethodNotAllowed', 'pages are read with GET');
  const asset = options.assets.get(url.pathname === '/' ? '/index.html' : url.pathname);
  if (asset === undefined) throw new ConsoleHttpError(404, 'NotFound', `no page at ${url.pathname}`);
  response.writeHead(200, { 'content-type': asset.contentType, 'content-length': asset.body.length });
  response.end(asset.body);
}

/**
 * `/?token=`: the right token becomes the session cookie, and the browser is sent on to a URL
 * without it, so the token stays out of the history, bookmarks and screen shares. The Host and
 * Origin checks have run: a rebound DNS name gets no cookie either.
 */
function exchangeToken(response: ServerResponse, url: URL, token: string, port: number): void {
  if (!isSameToken(url.searchParams.get(TOKEN_PARAMETER) ?? undefined, token)) {
    sendPage(response, 401, UNAUTHORIZED_PAGE);
    return;
  }
  response.writeHead(303, { location: '/', 'set-cookie': sessionCookie(port, token) });
  response.end();
}

function sendPage(response: ServerResponse, statusCode: number, body: Buffer): void {
  response.writeHead(statusCode, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': body.length,
  });
  response.end(body);
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Event streams never end on their own.
    server.closeAllConnections();
  });
}

/**
 * Why a request that a web page could have sent was refused. The local servers bind 127.0.0.1, but
 * a page in the developer's browser still reaches them: by a DNS name that resolves to 127.0.0.1
 * (DNS rebinding), or cross-origin with a body browsers send without a preflight.
 */
export interface BrowserRefusal {
  readonly statusCode: 403;
  readonly error: 'ForbiddenHost' | 'CrossOriginRequest' | 'CorsPreflightRefused';
  readonly message: string;
}

/** What the guard reads of a request. */
export interface GuardedRequest {
  readonly method: string;
  /** A header's value by lower-case name; `undefined` when absent. */
  readonly header: (name: string) => string | undefined;
  /** The port the server accepted the connection on. */
  readonly localPort: number;
}

/** What a server allows beyond same-origin loopback requests. */
export interface BrowserPolicy {
  /**
   * What a CORS preflight (OPTIONS with `Access-Control-Request-Method`) gets: `refuse`d,
   * `answer`ed whatever its origin (the server answers it without side effects), or checked
   * `as-request`, like any other request.
   */
  readonly preflight: 'refuse' | 'answer' | 'as-request';
  /**
   * Whether a cross-origin request from `origin` is meant for browsers (a CORS configuration
   * allows it). @default - every origin but the server's own loopback origin is refused
   */
  readonly allowsOrigin?: (origin: string) => boolean;
}

const HOST_SYNTAX = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/i;

/** Host and port of a `Host` header, normalized by the URL parser; `undefined` if malformed. */
function parseAuthority(authority: string): { hostname: string; port: string } | undefined {
  // The syntax check first: the URL parser would also take `evil@localhost` or `localhost/path`.
  if (!HOST_SYNTAX.test(authority)) return undefined;
  try {
    const url = new URL(`http://${authority}`);
    return { hostname: url.hostname, port: url.port };
  } catch {
    return undefined;
  }
}

/**
 * Whether a host name (as the URL parser normalizes it) can only mean this machine: `localhost`
 * and its subdomains (RFC 6761), `127.0.0.0/8` and `[::1]`.
 */
export function isLoopbackHostname(hostname: string): boolean {
  const name = hostname.toLowerCase();
  return (
    name === 'localhost' ||
    name.endsWith('.localhost') ||
    /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(name) ||
    name === '[::1]'
  );
}

const forbiddenHost = (message: string): BrowserRefusal => ({
  statusCode: 403,
  error: 'ForbiddenHost',
  message,
});
const crossOrigin = (message: string): BrowserRefusal => ({
  statusCode: 403,
  error: 'CrossOriginRequest',
  message,
});

/** Whether `origin` is this server's own origin: plain http, a loopback name, one of `ports`. */
function isOwnOrigin(origin: string, ports: readonly string[]): boolean {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  return url.protocol === 'http:' && isLoopbackHostname(url.hostname) && ports.includes(url.port || '80');
}

/**
 * Decides whether a request may have come from a web page that must not drive the local cloud;
 * `undefined` lets it through. In order: the `Host` must be a loopback name (no Host at all is
 * refused too), a CORS preflight gets what `policy.preflight` says, an `Origin` must be this
 * server's own loopback origin or one `policy.allowsOrigin` accepts, and `Sec-Fetch-Site:
 * cross-site` or `same-site` (for localhost, another port) needs such an accepted `Origin`.
 * The AWS SDK, the AWS CLI and curl send a loopback Host and no Origin: they always pass.
 */
export function refuseBrowserRequest(
  request: GuardedRequest,
  policy: BrowserPolicy,
): BrowserRefusal | undefined {
  const host = request.header('host');
  if (host === undefined || host.trim() === '') {
    return forbiddenHost('The request has no Host header; the local cloud answers only loopback hosts.');
  }
  const authority = parseAuthority(host.trim());
  if (authority === undefined || !isLoopbackHostname(authority.hostname)) {
    return forbiddenHost(
      `Host ${JSON.stringify(host)} is not a loopback name; the local cloud answers only localhost, 127.x.y.z and [::1].`,
    );
  }

  const isPreflight =
    request.method === 'OPTIONS' && request.header('access-control-request-method') !== undefined;
  if (isPreflight && policy.preflight === 'refuse') {
    return {
      statusCode: 403,
      error: 'CorsPreflightRefused',
      message: 'This endpoint grants no cross-origin access to browsers.',
    };
  }
  if (isPreflight && policy.preflight === 'answer') return undefined;

  const origin = request.header('origin');
  const ports = [String(request.localPort), authority.port || '80'];
  if (origin !== undefined && isOwnOrigin(origin, ports)) {
    const site = request.header('sec-fetch-site')?.toLowerCase();
    if (site === 'cross-site' || site === 'same-site') {
      return crossOrigin(`A ${site} request is refused, whatever its Origin says.`);
    }
    return undefined;
  }
  if (origin !== undefined) {
    if (policy.allowsOrigin?.(origin) === true) return undefined;
    return crossOrigin(`Origin ${JSON.stringify(origin)} is not allowed to call this local endpoint.`);
  }
  const site = request.header('sec-fetch-site')?.toLowerCase();
  if (site === 'cross-site' || site === 'same-site') {
    return crossOrigin(`A ${site} request (from another site or another localhost port) is refused.`);
  }
  return undefined;
}

/** The refusal as an HTTP answer: JSON `{ error, message }`, and the connection closed. */
export function refusalAnswer(refusal: BrowserRefusal): {
  statusCode: number;
  headers: Record<string, string>;
  body: Buffer;
} {
  return {
    statusCode: refusal.statusCode,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', connection: 'close' },
    body: Buffer.from(JSON.stringify({ error: refusal.error, message: refusal.message }), 'utf8'),
  };
}

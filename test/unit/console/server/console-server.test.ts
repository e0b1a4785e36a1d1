import { sessionCookieName } from '../../../../console/server/access-token';
import { type ListeningConsole, listenConsole } from '../../../../console/server/console-server';
import { ConsoleHttpError } from '../../../../console/server/errors';
import { readJsonBody, sendJson } from '../../../../console/server/http-answers';
import type { StaticAsset } from '../../../../console/server/static-assets';
import { httpRequest, type RawRequestOptions } from '../../../e2e/local/endpoint/http-request';

const TOKEN = 'a-token-of-this-start';

/** A raw request: fetch would not let a test set `Host`, leave `Origin` out, or send `/../`. */
const send = (origin: string, path: string, options: RawRequestOptions = {}) =>
  httpRequest(origin, { ...options, rawPath: path });

describe('the console server', () => {
  let server: ListeningConsole;
  let cookieName: string;
  let cookie: string;
  const posted: unknown[] = [];
  const logged: string[] = [];

  beforeAll(async () => {
    const assets = new Map<string, StaticAsset>([
      [
        '/index.html',
        {
          contentType: 'text/html; charset=utf-8',
          body: Buffer.from('<!doctype html><title>console</title>'),
        },
      ],
      ['/console.js', { contentType: 'text/javascript; charset=utf-8', body: Buffer.from('void 0;') }],
    ]);
    server = await listenConsole({
      port: 0,
      token: TOKEN,
      assets,
      internalError: (error, what) => {
        logged.push(`${what}: ${String(error)}`);
        return new ConsoleHttpError(500, 'InternalError', `${what} failed; see the output`);
      },
      routes: [
        {
          method: 'GET',
          path: '/api/broken',
          handle: () => {
            throw new Error('secret internal path /home/dev/x');
          },
        },
        {
          method: 'GET',
          path: '/api/things/:id',
          handle: async ({ params, response }) => sendJson(response, 200, params),
        },
        {
          method: 'POST',
          path: '/api/things',
          handle: async ({ request, response }) => {
            posted.push(await readJsonBody(request));
            sendJson(response, 201, { ok: true });
          },
        },
      ],
    });
    cookieName = sessionCookieName(Number(new URL(server.origin).port));
    cookie = `${cookieName}=${TOKEN}`;
  });
  afterAll(() => server.close());

  it('listens on 127.0.0.1 only', () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('exchanges the right token for an HttpOnly, SameSite=Strict cookie and redirects to a URL without it', async () => {
    const answer = await send(server.origin, `/?token=${TOKEN}`);
    expect(answer.status).toBe(303);
    expect(answer.headers.location).toBe('/');
    const [setCookie] = answer.headers['set-cookie'] ?? [];
    expect(setCookie).toBe(`${cookieName}=${TOKEN}; Path=/; HttpOnly; SameSite=Strict`);
    expect(answer.headers['referrer-policy']).toBe('no-referrer');
  });

  it('refuses a wrong token without setting a cookie', async () => {
    const answer = await send(server.origin, '/?token=guessed');
    expect(answer.status).toBe(401);
    expect(answer.headers['set-cookie']).toBeUndefined();
    expect(answer.text).toContain('npm start');
  });

  it('answers 401 without a session: JSON for the API, a page for pages', async () => {
    const api = await send(server.origin, '/api/things/1');
    expect(api.status).toBe(401);
    expect(JSON.parse(api.text)).toEqual({
      error: 'Unauthorized',
      message: expect.stringContaining('npm start'),
    });
    const page = await send(server.origin, '/', { headers: { cookie: `${cookieName}=stale-token` } });
    expect(page.status).toBe(401);
    expect(page.headers['content-type']).toContain('text/html');
  });

  it('serves the API and the pages with the session cookie, with a restrictive CSP', async () => {
    const api = await send(server.origin, '/api/things/a%20b', { headers: { cookie } });
    expect(api.status).toBe(200);
    expect(JSON.parse(api.text)).toEqual({ id: 'a b' });
    const page = await send(server.origin, '/', { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.text).toContain('<title>console</title>');
    const csp = String(page.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe');
  });

  it('refuses a foreign Host (DNS rebinding), even with the right token', async () => {
    const withToken = await send(server.origin, `/?token=${TOKEN}`, {
      headers: { host: 'rebound.example:3001' },
    });
    expect(withToken.status).toBe(403);
    expect(withToken.headers['set-cookie']).toBeUndefined();
    const withCookie = await send(server.origin, '/api/things/1', {
      headers: { host: 'rebound.example', cookie },
    });
    expect(withCookie.status).toBe(403);
    expect(JSON.parse(withCookie.text).error).toBe('ForbiddenHost');
  });

  it('takes a state-changing request only with the cookie and a same-origin Origin', async () => {
    const body = JSON.stringify({ name: 'x' });
    const json = { 'content-type': 'application/json' };
    const noOrigin = await send(server.origin, '/api/things', {
      method: 'POST',
      headers: { ...json, cookie },
      body,
    });
    expect(noOrigin.status).toBe(403);
    expect(JSON.parse(noOrigin.text).error).toBe('CrossOriginRequest');
    const foreign = await send(server.origin, '/api/things', {
      method: 'POST',
      headers: { ...json, cookie, origin: 'https://attacker.example' },
      body,
    });
    expect(foreign.status).toBe(403);
    const noCookie = await send(server.origin, '/api/things', {
      method: 'POST',
      headers: { ...json, origin: server.origin },
      body,
    });
    expect(noCookie.status).toBe(401);
    expect(posted).toEqual([]);
    const own = await send(server.origin, '/api/things', {
      method: 'POST',
      headers: { ...json, cookie, origin: server.origin },
      body,
    });
    expect(own.status).toBe(201);
    expect(posted).toEqual([{ name: 'x' }]);
  });

  it('refuses a body that is not JSON with a 4xx that says why', async () => {
    const headers = { cookie, origin: server.origin };
    const text = await send(server.origin, '/api/things', {
      method: 'POST',
      headers: { ...headers, 'content-type': 'text/plain' },
      body: 'x',
    });
    expect(text.status).toBe(415);
    const broken = await send(server.origin, '/api/things', {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: '{"name":',
    });
    expect(broken.status).toBe(400);
    expect(JSON.parse(broken.text)).toEqual({
      error: 'ValidationError',
      message: expect.stringContaining('not JSON'),
    });
  });

  it('answers 404 for unknown paths, 405 for a known path with another method, and serves nothing outside its files', async () => {
    expect((await send(server.origin, '/api/nothing', { headers: { cookie } })).status).toBe(404);
    expect(
      (
        await send(server.origin, '/api/things/1', {
          method: 'POST',
          headers: { cookie, origin: server.origin },
        })
      ).status,
    ).toBe(405);
    expect((await send(server.origin, '/../package.json', { headers: { cookie } })).status).toBe(404);
    expect((await send(server.origin, '/%2e%2e/package.json', { headers: { cookie } })).status).toBe(404);
  });

  it("finds the session among several cookies of its name, and ignores another port's cookie", async () => {
    const shadowed = await send(server.origin, '/api/things/1', {
      headers: { cookie: `${cookieName}=planted-by-another-page; ${cookie}` },
    });
    expect(shadowed.status).toBe(200);
    const otherPort = await send(server.origin, '/api/things/1', {
      headers: { cookie: `${sessionCookieName(1)}=${TOKEN}` },
    });
    expect(otherPort.status).toBe(401);
  });

  it('answers a body over 1 MiB with 413, not a reset connection', async () => {
    const answer = await send(server.origin, '/api/things', {
      method: 'POST',
      headers: { cookie, origin: server.origin, 'content-type': 'application/json' },
      body: JSON.stringify({ big: 'x'.repeat(1024 * 1024) }),
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.text).error).toBe('PayloadTooLarge');
  });

  it('logs an unexpected failure and answers 500 without its details', async () => {
    const answer = await send(server.origin, '/api/broken', { headers: { cookie } });
    expect(answer.status).toBe(500);
    expect(answer.text).not.toContain('/home/dev');
    expect(JSON.parse(answer.text)).toEqual({
      error: 'InternalError',
      message: 'GET /api/broken failed; see the output',
    });
    expect(logged).toEqual([expect.stringContaining('secret internal path')]);
  });
});

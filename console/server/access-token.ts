import { randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The cookie the token is exchanged for, named after the console's port: browsers keep cookies
 * per host, not per port, so two consoles (two data folders) would otherwise overwrite each
 * other's. `__Host-` needs https, which a loopback console has not.
 */
export const sessionCookieName = (port: number): string => `switchyard_console_${port}`;

/** The query parameter of the URL `npm start` prints. */
export const TOKEN_PARAMETER = 'token';

/** A fresh token per start: 32 random bytes, URL-safe, so an old URL or cookie stops working on restart. */
export function createAccessToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Compares in constant time, so the answer's timing does not leak how much of a guess was right. */
export function isSameToken(candidate: string | undefined, token: string): boolean {
  if (candidate === undefined) return false;
  const given = Buffer.from(candidate, 'utf8');
  const expected = Buffer.from(token, 'utf8');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * Every value of one cookie in a `Cookie` header. There can be several: a page on another
 * loopback port can set a cookie of the same name with a narrower path, which the browser then
 * sends first; taking only the first would let it end the real session.
 */
export function cookieValues(header: string | undefined, name: string): string[] {
  if (header === undefined) return [];
  return header.split(';').flatMap((pair) => {
    const separator = pair.indexOf('=');
    return separator >= 0 && pair.slice(0, separator).trim() === name
      ? [pair.slice(separator + 1).trim()]
      : [];
  });
}

/**
 * The `Set-Cookie` of a session: `HttpOnly` keeps it from page scripts, `SameSite=Strict` from
 * requests another site makes the browser send, and no `Max-Age` ends it with the browser.
 */
export function sessionCookie(port: number, token: string): string {
  return `${sessionCookieName(port)}=${token}; Path=/; HttpOnly; SameSite=Strict`;
}

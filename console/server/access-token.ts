import { randomBytes, timingSafeEqual } from 'node:crypto';

/** The cookie the token is exchanged for. `__Host-` needs https, which a loopback console has not. */
export const SESSION_COOKIE = 'switchyard_console';

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

/** The value of one cookie of a `Cookie` header; `undefined` when absent. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (header === undefined) return undefined;
  for (const pair of header.split(';')) {
    const separator = pair.indexOf('=');
    if (separator < 0) continue;
    if (pair.slice(0, separator).trim() === name) return pair.slice(separator + 1).trim();
  }
  return undefined;
}

/**
 * The `Set-Cookie` of a session: `HttpOnly` keeps it from page scripts, `SameSite=Strict` from
 * requests another site makes the browser send, and no `Max-Age` ends it with the browser.
 */
export function sessionCookie(token: string): string {
  return `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict`;
}

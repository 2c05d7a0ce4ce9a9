import { config } from '../config';

/* Reading a Cookie header, for code that runs outside Next.js's request helpers. */

/** The session cookie next-auth sets over plain HTTP (local use, tests). */
export const SESSION_COOKIE = 'next-auth.session-token';
/** The one it sets when the portal is served over HTTPS: the browser accepts it only from a secure origin. */
export const SECURE_SESSION_COOKIE = '__Secure-next-auth.session-token';
export const SESSION_COOKIES = [SESSION_COOKIE, SECURE_SESSION_COOKIE];

export function parseCookieHeader(header: string | undefined): (name: string) => string | undefined {
  const jar = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at <= 0) continue;
    const value = part.slice(at + 1).trim();
    try {
      jar.set(part.slice(0, at).trim(), decodeURIComponent(value));
    } catch {
      jar.set(part.slice(0, at).trim(), value);
    }
  }
  return (name) => jar.get(name);
}

/**
 * The cookie that carries the session on this portal. Over HTTPS only the
 * __Secure- one counts: a plain cookie of the same name could have been set by
 * anyone on the path between a browser and a plain-HTTP page, or by a sibling
 * subdomain, and must not be able to fix a session.
 */
export function sessionCookieName(secure = config().publicUrl.startsWith('https://')): string {
  return secure ? SECURE_SESSION_COOKIE : SESSION_COOKIE;
}

/** What a session token looks like (next-auth makes UUIDs): anything else, a NUL included, never reaches a query. */
const SESSION_TOKEN = /^[A-Za-z0-9_-]{16,128}$/;

export function sessionTokenFrom(cookie: (name: string) => string | undefined, secure?: boolean): string | undefined {
  const token = cookie(sessionCookieName(secure));
  return token && SESSION_TOKEN.test(token) ? token : undefined;
}

/** Whether the browser sends any session cookie at all (the page cache then stays out of the way). */
export function hasSessionCookie(cookie: (name: string) => string | undefined): boolean {
  return SESSION_COOKIES.some((name) => Boolean(cookie(name)));
}

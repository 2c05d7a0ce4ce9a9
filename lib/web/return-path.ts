import { hasControlCharacters } from '../text/safe-text';

/*
 * Where to send a browser back to (after choosing a language, after signing
 * in), from a value the browser itself supplied. Checking the text (starts
 * with "/", not "//") is not enough: URL parsers drop tabs and newlines and
 * read "\" as "/", so "/\t/evil.example" or "/.//evil.example" lead off-site.
 * The value is parsed exactly as a browser would, must stay on this origin,
 * and only its path and query are returned, never with a leading "//".
 */

const BASE = 'http://portal.invalid';

export function safeReturnPath(raw: string | string[] | null | undefined, fallback = '/'): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  // A browser would drop or misread control characters, and no portal path contains them.
  if (!value || value.length > 2000 || hasControlCharacters(value) || !value.startsWith('/')) return fallback;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE) return fallback;
  return `/${url.pathname.replace(/^\/+/, '')}${url.search}`;
}

/** The path and query of a Referer header when it names this same host, else null. */
export function refererPath(referer: string | null, host: string): string | null {
  if (!referer) return null;
  try {
    const url = new URL(referer);
    return url.host === host ? safeReturnPath(`${url.pathname}${url.search}`, '/') : null;
  } catch {
    return null;
  }
}

/*
 * Where to send a browser back to (after choosing a language, after signing
 * in), from a value the browser itself supplied. Checking the text (starts
 * with "/", not "//") is not enough: URL parsers drop tabs and newlines and
 * read "\" as "/", so "/\t/evil.example" or "/.//evil.example" lead off-site.
 * The value is parsed exactly as a browser would, must stay on this origin,
 * and only its path and query are returned, never with a leading "//".
 */

const BASE = 'http://portal.invalid';
// C0 and C1 controls, DEL: a browser would drop or misread them, and no portal path contains them.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

export function safeReturnPath(raw: string | string[] | null | undefined, fallback = '/'): string {
  const value = Array.isArray(raw) ? raw[0] : raw;
  if (!value || value.length > 2000 || CONTROL.test(value) || !value.startsWith('/')) return fallback;
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

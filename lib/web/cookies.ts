/* Reading a Cookie header, for code that runs outside Next.js's request helpers. */

/** The cookies next-auth sets for a signed-in browser (the second name over HTTPS). */
export const SESSION_COOKIES = ['next-auth.session-token', '__Secure-next-auth.session-token'];

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

export function sessionTokenFrom(cookie: (name: string) => string | undefined): string | undefined {
  for (const name of SESSION_COOKIES) {
    const value = cookie(name);
    if (value) return value;
  }
  return undefined;
}

import type { Db } from '../db/client';
import type { Role } from '../generated/prisma/enums';
import { SESSION_COOKIES } from '../web/page-cache';

/*
 * Who is signed in, read from the next-auth session cookie and the session
 * table. Pages, server actions and the upload server all ask this one function,
 * and read the role fresh from the database, so a disabled user or a changed
 * role takes effect at the next request.
 */

export interface SignedInUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  municipalityIstat: string | null;
}

export function sessionTokenFrom(cookie: (name: string) => string | undefined): string | undefined {
  for (const name of SESSION_COOKIES) {
    const value = cookie(name);
    if (value) return value;
  }
  return undefined;
}

export function parseCookieHeader(header: string | undefined): (name: string) => string | undefined {
  const jar = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0) jar.set(part.slice(0, at).trim(), decodeURIComponent(part.slice(at + 1).trim()));
  }
  return (name) => jar.get(name);
}

export async function userFromSessionToken(db: Db, token: string | undefined, now = new Date()): Promise<SignedInUser | null> {
  if (!token) return null;
  const session = await db.session.findUnique({
    where: { sessionToken: token },
    select: { expires: true, user: { select: { id: true, email: true, name: true, role: true, municipalityIstat: true, disabledAt: true } } },
  });
  if (!session || session.expires <= now || session.user.disabledAt) return null;
  const { id, email, name, role, municipalityIstat } = session.user;
  return { id, email, name, role, municipalityIstat };
}

export function isStaff(user: SignedInUser | null): boolean {
  return user?.role === 'MODERATOR' || user?.role === 'ADMIN';
}

import type { Db } from '../db/client';
import type { Role } from '../generated/prisma/enums';
import { parseCookieHeader, sessionCookieName, SESSION_COOKIES, sessionTokenFrom } from '../web/cookies';

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

/** The caller of a request outside Next.js's helpers (route handlers, the upload server), from its Cookie header. */
export function userFromCookieHeader(db: Db, header: string | null | undefined): Promise<SignedInUser | null> {
  return userFromSessionToken(db, sessionTokenFrom(parseCookieHeader(header ?? undefined)));
}

export function isStaff(user: SignedInUser | null): boolean {
  return user?.role === 'MODERATOR' || user?.role === 'ADMIN';
}

/**
 * Session cookies this browser should no longer send: one whose session is
 * unknown, expired or of a disabled account (a database reset, a signed-out
 * browser, a copied cookie), and the session cookie of the other scheme,
 * which this portal never reads. next-auth chokes on an unknown session
 * during sign-in; the front server clears them instead of passing them on.
 */
export async function staleSessionCookies(db: Db, header: string | null | undefined): Promise<string[]> {
  const cookie = parseCookieHeader(header ?? undefined);
  const current = sessionCookieName();
  const stale = SESSION_COOKIES.filter((name) => name !== current && cookie(name));
  if (!cookie(current)) return stale;
  // A value that is no token at all is stale without asking the database.
  const token = sessionTokenFrom(cookie);
  if (!token || !(await userFromSessionToken(db, token))) stale.push(current);
  return stale;
}

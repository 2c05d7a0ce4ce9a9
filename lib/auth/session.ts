import type { Db } from '../db/client';
import type { Role } from '../generated/prisma/enums';

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

export function isStaff(user: SignedInUser | null): boolean {
  return user?.role === 'MODERATOR' || user?.role === 'ADMIN';
}

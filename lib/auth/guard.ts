import { cookies } from 'next/headers';
import { forbidden, redirect } from 'next/navigation';
import { db } from '../db/client';
import type { Role } from '../generated/prisma/enums';
import { sessionTokenFrom } from '../web/cookies';
import { ForbiddenError } from './permissions';
import { userFromSessionToken, type SignedInUser } from './session';

export { ForbiddenError };

/* For pages and server actions: every check of who may do what runs on the server. */

export async function currentUser(): Promise<SignedInUser | null> {
  const jar = await cookies();
  return userFromSessionToken(
    db(),
    sessionTokenFrom((name) => jar.get(name)?.value),
  );
}

/** A page's gate: anonymous visitors go to sign-in and come back; a wrong role gets the translated 403 page (forbidden.tsx). */
export async function userForPage(roles: readonly Role[], returnTo: string): Promise<SignedInUser> {
  const user = await currentUser();
  if (!user) redirect(`/accedi?da=${encodeURIComponent(returnTo)}`);
  if (!roles.includes(user.role)) forbidden();
  return user;
}

/** A server action's gate: throws unless the caller has one of the roles. */
export async function userForAction(roles: readonly Role[]): Promise<SignedInUser> {
  const user = await currentUser();
  if (!user || !roles.includes(user.role)) throw new ForbiddenError();
  return user;
}

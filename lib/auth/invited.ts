import type { Db } from '../db/client';

/** The account of an address that may sign in: invited by staff and not disabled; otherwise null. */
export async function invitedUser(db: Db, email: string) {
  const user = await db.user.findUnique({ where: { email: email.toLowerCase() }, select: { id: true, role: true, disabledAt: true } });
  return user && !user.disabledAt ? user : null;
}

export async function isInvited(db: Db, email: string): Promise<boolean> {
  return (await invitedUser(db, email)) !== null;
}

import type { Db } from '../db/client';

/** An address may sign in when staff invited it and the account is not disabled. */
export async function isInvited(db: Db, email: string): Promise<boolean> {
  const user = await db.user.findUnique({ where: { email: email.toLowerCase() }, select: { disabledAt: true } });
  return Boolean(user && !user.disabledAt);
}

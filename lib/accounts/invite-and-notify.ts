import type { Db } from '../db/client';
import { sendMail } from '../mail/send';
import { invitationMail } from '../mail/templates';
import { createInvitations, type Invitation } from './invitations';

/** Stores the invitations (all or none) and then mails each invited person the sign-in page. */
export async function inviteAndNotify(db: Db, invitations: Array<Invitation & { line: number }>, invitedById: string, publicUrl: string): Promise<number> {
  const created = await createInvitations(db, invitations, invitedById);
  const failures: string[] = [];
  for (const user of created) {
    await sendMail(invitationMail(user.email, user.name, `${publicUrl}/accedi`)).catch(() => failures.push(user.email));
  }
  if (failures.length) console.error(`invitation mail not sent to: ${failures.join(', ')}`);
  return created.length;
}

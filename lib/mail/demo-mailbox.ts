import type { Db } from '../db/client';
import { DEMO_USERS } from '../seed/demo-accounts';

/* What the demo inbox page shows of the mail the demo SMTP server (demo-inbox.ts) caught. */

/**
 * The newest caught mail, except mail to staff accounts other than the demo
 * ones: a sign-in link for a real administrator invited on a demo
 * installation must not be shown to whoever tries the demo.
 */
export async function demoInboxMail(db: Db, take = 50) {
  const staff = await db.user.findMany({
    where: { role: { in: ['MODERATOR', 'ADMIN'] }, email: { notIn: [DEMO_USERS.moderator, DEMO_USERS.admin] } },
    select: { email: true },
  });
  const hidden = new Set(staff.map((u) => u.email.toLowerCase()));
  const shown: Array<{ id: bigint; recipients: string; subject: string; text: string; receivedAt: Date }> = [];
  let before: bigint | undefined;
  // Read in pages until enough mail is left once the hidden ones are dropped.
  while (shown.length < take) {
    const page = await db.demoMail.findMany({
      where: before === undefined ? {} : { id: { lt: before } },
      orderBy: { id: 'desc' },
      take: take * 2,
      select: { id: true, recipients: true, subject: true, text: true, receivedAt: true },
    });
    for (const mail of page) if (!mail.recipients.split(',').some((r) => hidden.has(r.trim().toLowerCase()))) shown.push(mail);
    if (page.length < take * 2) break;
    before = page.at(-1)!.id;
  }
  return shown.slice(0, take);
}

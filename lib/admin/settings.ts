import { z } from 'zod';
import { recordAudit } from '../audit';
import { requireCapability } from '../auth/permissions';
import type { SignedInUser } from '../auth/session';
import type { Db } from '../db/client';

/* A moderator's own settings: how they hear of new submissions. */

export const notifySchema = z.object({ notifySubmissions: z.enum(['IMMEDIATE', 'DAILY', 'NONE']) });

export async function notificationSetting(db: Db, actor: SignedInUser | null) {
  const user = requireCapability(actor, 'moderate');
  const row = await db.user.findUniqueOrThrow({ where: { id: user.id }, select: { notifySubmissions: true } });
  return row.notifySubmissions;
}

export async function setNotificationSetting(db: Db, actor: SignedInUser | null, input: z.infer<typeof notifySchema>): Promise<void> {
  const user = requireCapability(actor, 'moderate');
  await db.$transaction(async (tx) => {
    const before = await tx.user.findUniqueOrThrow({ where: { id: user.id }, select: { notifySubmissions: true } });
    // Starting the digest now means the first one covers the day from this choice on.
    await tx.user.update({
      where: { id: user.id },
      data: {
        notifySubmissions: input.notifySubmissions,
        ...(input.notifySubmissions === 'DAILY' && before.notifySubmissions !== 'DAILY' ? { lastDigestAt: new Date() } : {}),
      },
    });
    await recordAudit(tx, { actorId: user.id, action: 'user.notify', subjectType: 'user', subjectId: user.id, before, after: input });
  });
}

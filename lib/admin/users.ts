import { z } from 'zod';
import { recordAudit } from '../audit';
import { requireCapability } from '../auth/permissions';
import type { SignedInUser } from '../auth/session';
import type { Db } from '../db/client';
import { AdminError } from './errors';

/*
 * Turning an account off (a mayor leaves office) and back on. An account is
 * never deleted: its name stays on the messages and in the audit trail. Its
 * sessions end at once.
 */

export const userAccessSchema = z.object({ id: z.uuid(), enabled: z.boolean() });

export async function setUserAccess(db: Db, actor: SignedInUser | null, input: z.infer<typeof userAccessSchema>, now = new Date()): Promise<void> {
  const admin = requireCapability(actor, 'administer');
  // Locking oneself out would leave nobody able to undo it.
  if (input.id === admin.id) throw new AdminError('notAllowed');
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: input.id }, select: { disabledAt: true, municipalityIstat: true } });
    if (!user) throw new AdminError('notFound');
    await tx.user.update({ where: { id: input.id }, data: { disabledAt: input.enabled ? null : (user.disabledAt ?? now) } });
    if (!input.enabled) await tx.session.deleteMany({ where: { userId: input.id } });
    await recordAudit(tx, {
      actorId: admin.id,
      action: input.enabled ? 'user.enable' : 'user.disable',
      subjectType: 'user',
      subjectId: input.id,
      municipalityIstat: user.municipalityIstat,
      before: { disabled: user.disabledAt !== null },
      after: { disabled: !input.enabled },
    });
  });
}

import { z } from 'zod';
import { rowId } from '../db/ids';
import { recordAudit } from '../audit';
import { requireCapability } from '../auth/permissions';
import type { SignedInUser } from '../auth/session';
import type { Db } from '../db/client';
import { isCleanMultiline, isSingleLine } from '../text/safe-text';
import { AdminError } from './errors';

/* The reasons moderators start from when they request changes or reject: staff keep them up to date. */

export const TEMPLATE_KINDS = ['requestChanges', 'reject'] as const;

export const templateSchema = z.object({
  id: rowId.optional(),
  kind: z.enum(TEMPLATE_KINDS),
  title: z.string().trim().min(2, { error: 'text' }).max(100, { error: 'text' }).refine(isSingleLine, { error: 'controlCharacters' }),
  text: z.string().trim().min(3, { error: 'text' }).max(2000, { error: 'text' }).refine(isCleanMultiline, { error: 'controlCharacters' }),
  active: z.boolean(),
});

/** What the decision form offers (moderators). */
export async function activeTemplates(db: Db, actor: SignedInUser | null) {
  requireCapability(actor, 'moderate');
  return db.reasonTemplate.findMany({
    where: { active: true },
    orderBy: [{ kind: 'desc' }, { title: 'asc' }],
    select: { id: true, kind: true, title: true, text: true },
  });
}

export async function allTemplates(db: Db, actor: SignedInUser | null) {
  requireCapability(actor, 'moderate');
  return db.reasonTemplate.findMany({
    orderBy: [{ active: 'desc' }, { kind: 'asc' }, { title: 'asc' }],
    select: { id: true, kind: true, title: true, text: true, active: true },
  });
}

/** Creates (no id) or updates a template; moderators may, since they are the ones who write reasons. */
export async function saveTemplate(db: Db, actor: SignedInUser | null, input: z.infer<typeof templateSchema>): Promise<number> {
  const user = requireCapability(actor, 'moderate');
  const data = { kind: input.kind, title: input.title, text: input.text, active: input.active };
  return db.$transaction(async (tx) => {
    if (input.id === undefined) {
      const created = await tx.reasonTemplate.create({ data });
      await recordAudit(tx, { actorId: user.id, action: 'template.create', subjectType: 'template', subjectId: String(created.id), after: data });
      return created.id;
    }
    const before = await tx.reasonTemplate.findUnique({ where: { id: input.id }, select: { kind: true, title: true, text: true, active: true } });
    if (!before) throw new AdminError('notFound');
    await tx.reasonTemplate.update({ where: { id: input.id }, data });
    await recordAudit(tx, { actorId: user.id, action: 'template.update', subjectType: 'template', subjectId: String(input.id), before, after: data });
    return input.id;
  });
}

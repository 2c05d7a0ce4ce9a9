import { z } from 'zod';
import { rowId } from '../db/ids';
import { recordAudit } from '../audit';
import { requireCapability } from '../auth/permissions';
import type { SignedInUser } from '../auth/session';
import type { Db } from '../db/client';
import { slugify } from '../text/normalize';
import { hasNoAngleBrackets, isSingleLine } from '../text/safe-text';
import { AdminError, uniqueViolation } from './errors';
import { recordEvent } from '../events/record';

/*
 * Themes are never deleted: a retired theme disappears from the mayors' form
 * and the theme list, while the messages that carry it keep it (and its page
 * keeps working for them).
 */

// A label becomes the title of the theme's YouTube playlist: the same rules as a message title.
const label = z
  .string()
  .trim()
  .min(2, { error: 'labelLength' })
  .max(60, { error: 'labelLength' })
  .refine(hasNoAngleBrackets, { error: 'angleBrackets' })
  .refine(isSingleLine, { error: 'controlCharacters' });

export const themeCreateSchema = z.object({ labelIt: label, labelEn: label });
export const themeUpdateSchema = z.object({
  id: rowId,
  labelIt: label,
  labelEn: label,
  active: z.boolean(),
  position: z.coerce.number().int().min(0).max(999),
});

export async function themesForAdmin(db: Db, actor: SignedInUser | null) {
  requireCapability(actor, 'administer');
  return db.theme.findMany({
    orderBy: [{ active: 'desc' }, { position: 'asc' }, { id: 'asc' }],
    select: { id: true, slug: true, labelIt: true, labelEn: true, active: true, position: true, _count: { select: { videos: true } } },
  });
}

export async function createTheme(db: Db, actor: SignedInUser | null, input: z.infer<typeof themeCreateSchema>): Promise<number> {
  const user = requireCapability(actor, 'administer');
  const slug = slugify(input.labelIt);
  if (!slug) throw new AdminError('labelLength');
  try {
    return await db.$transaction(async (tx) => {
      const last = await tx.theme.aggregate({ _max: { position: true } });
      const theme = await tx.theme.create({ data: { slug, labelIt: input.labelIt, labelEn: input.labelEn, position: (last._max.position ?? 0) + 1 } });
      await recordAudit(tx, {
        actorId: user.id,
        action: 'theme.create',
        subjectType: 'theme',
        subjectId: String(theme.id),
        after: { slug, labelIt: input.labelIt, labelEn: input.labelEn },
      });
      await recordEvent(tx, { type: 'theme.changed', aggregateId: String(theme.id) });
      return theme.id;
    });
  } catch (error) {
    if (uniqueViolation(error)) throw new AdminError('themeExists');
    throw error;
  }
}

/** Rename in both languages, reorder, retire or bring back. The slug (the public address) never changes. */
export async function updateTheme(db: Db, actor: SignedInUser | null, input: z.infer<typeof themeUpdateSchema>): Promise<void> {
  const user = requireCapability(actor, 'administer');
  await db.$transaction(async (tx) => {
    const before = await tx.theme.findUnique({ where: { id: input.id }, select: { labelIt: true, labelEn: true, active: true, position: true } });
    if (!before) throw new AdminError('notFound');
    const after = { labelIt: input.labelIt, labelEn: input.labelEn, active: input.active, position: input.position };
    await tx.theme.update({ where: { id: input.id }, data: after });
    const action = before.active && !input.active ? 'theme.retire' : !before.active && input.active ? 'theme.restore' : 'theme.update';
    await recordAudit(tx, { actorId: user.id, action, subjectType: 'theme', subjectId: String(input.id), before, after });
    await recordEvent(tx, { type: 'theme.changed', aggregateId: String(input.id) });
  });
}

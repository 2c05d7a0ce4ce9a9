import { z } from 'zod';
import { recordAudit } from '../audit';
import { requireCapability } from '../auth/permissions';
import type { SignedInUser } from '../auth/session';
import type { Db } from '../db/client';
import { fromRomeLocal, italianDate, parseDay } from '../time/zones';
import { hasNoAngleBrackets, isSingleLine } from '../text/safe-text';
import { AdminError } from './errors';
import { recordEvent } from '../events/record';

/*
 * What staff tell every visitor (a crisis banner with an expiry) and what they
 * tell a comune's visitors (service notes valid until a day). Citizens read
 * them through activeBanner and activeServiceNotes, which apply the expiry.
 */

const url = z
  .string()
  .trim()
  .max(500, { error: 'url' })
  .refine((v) => v === '' || /^https?:\/\/[^\s<>"]+$/.test(v), { error: 'url' })
  .transform((v) => v || null);
const text = z
  .string()
  .trim()
  .min(3, { error: 'text' })
  .max(300, { error: 'text' })
  .refine(hasNoAngleBrackets, { error: 'text' })
  .refine(isSingleLine, { error: 'controlCharacters' });

export const bannerSchema = z.object({
  textIt: text,
  textEn: text,
  url,
  expiresAt: z.string().transform((value, ctx) => {
    const at = fromRomeLocal(value);
    if (!at) ctx.addIssue({ code: 'custom', message: 'dates' });
    return at ?? new Date(0);
  }),
});

export function activeBanner(db: Db, now = new Date()) {
  return db.siteBanner.findFirst({
    where: { endedAt: null, startsAt: { lte: now }, expiresAt: { gt: now } },
    orderBy: { startsAt: 'desc' },
    select: { id: true, textIt: true, textEn: true, url: true, expiresAt: true },
  });
}

export async function postBanner(db: Db, actor: SignedInUser | null, input: z.infer<typeof bannerSchema>, now = new Date()): Promise<number> {
  const user = requireCapability(actor, 'administer');
  if (input.expiresAt <= now) throw new AdminError('pastEnd');
  return db.$transaction(async (tx) => {
    // One banner at a time: a new one replaces the one showing.
    await tx.siteBanner.updateMany({ where: { endedAt: null, expiresAt: { gt: now } }, data: { endedAt: now } });
    const banner = await tx.siteBanner.create({ data: { ...input, startsAt: now, createdById: user.id } });
    await recordAudit(tx, {
      actorId: user.id,
      action: 'banner.post',
      subjectType: 'banner',
      subjectId: String(banner.id),
      after: { textIt: input.textIt, textEn: input.textEn, url: input.url, expiresAt: input.expiresAt.toISOString() },
    });
    await recordEvent(tx, { type: 'banner.changed', aggregateId: String(banner.id) });
    return banner.id;
  });
}

export async function endBanner(db: Db, actor: SignedInUser | null, id: number, now = new Date()): Promise<void> {
  const user = requireCapability(actor, 'administer');
  await db.$transaction(async (tx) => {
    const ended = await tx.siteBanner.updateMany({ where: { id, endedAt: null }, data: { endedAt: now } });
    if (ended.count !== 1) throw new AdminError('notFound');
    await recordAudit(tx, { actorId: user.id, action: 'banner.end', subjectType: 'banner', subjectId: String(id), after: { endedAt: now.toISOString() } });
    await recordEvent(tx, { type: 'banner.changed', aggregateId: String(id) });
  });
}

export const serviceNoteSchema = z.object({
  comune: z.string().regex(/^\d{6}$/, { error: 'comune' }),
  text,
  url,
  validUntil: z.string().transform((value, ctx) => {
    const parsed = parseDay(value);
    if (!parsed) ctx.addIssue({ code: 'custom', message: 'dates' });
    return parsed ?? new Date(0);
  }),
});

/** A comune's notes citizens see today (the last valid day included). */
export function activeServiceNotes(db: Db, istatCode: string, now = new Date()) {
  return db.serviceNote.findMany({
    where: { municipalityIstat: istatCode, removedAt: null, validUntil: { gte: italianDate(now) } },
    orderBy: { createdAt: 'asc' },
    select: { id: true, text: true, url: true, validUntil: true },
  });
}

export async function currentServiceNotes(db: Db, actor: SignedInUser | null, now = new Date()) {
  requireCapability(actor, 'administer');
  return db.serviceNote.findMany({
    where: { removedAt: null, validUntil: { gte: italianDate(now) } },
    orderBy: [{ municipality: { name: 'asc' } }, { createdAt: 'asc' }],
    select: { id: true, text: true, url: true, validUntil: true, municipality: { select: { istatCode: true, name: true, slug: true } } },
  });
}

export async function addServiceNote(
  db: Db,
  actor: SignedInUser | null,
  areaCode: string,
  input: z.infer<typeof serviceNoteSchema>,
  now = new Date(),
): Promise<number> {
  const user = requireCapability(actor, 'administer');
  if (input.validUntil < italianDate(now)) throw new AdminError('pastEnd');
  return db.$transaction(async (tx) => {
    const comune = await tx.municipality.findFirst({ where: { istatCode: input.comune, areaCode }, select: { istatCode: true } });
    if (!comune) throw new AdminError('comune');
    const note = await tx.serviceNote.create({
      data: { municipalityIstat: input.comune, text: input.text, url: input.url, validUntil: input.validUntil, createdById: user.id },
    });
    await recordAudit(tx, {
      actorId: user.id,
      action: 'note.add',
      subjectType: 'note',
      subjectId: String(note.id),
      municipalityIstat: input.comune,
      after: { text: input.text, url: input.url, validUntil: input.validUntil.toISOString().slice(0, 10) },
    });
    await recordEvent(tx, { type: 'note.changed', aggregateId: String(note.id), municipalityIstat: input.comune });
    return note.id;
  });
}

export async function removeServiceNote(db: Db, actor: SignedInUser | null, id: number, now = new Date()): Promise<string> {
  const user = requireCapability(actor, 'administer');
  return db.$transaction(async (tx) => {
    const note = await tx.serviceNote.findFirst({ where: { id, removedAt: null } });
    if (!note) throw new AdminError('notFound');
    await tx.serviceNote.update({ where: { id }, data: { removedAt: now } });
    await recordAudit(tx, {
      actorId: user.id,
      action: 'note.remove',
      subjectType: 'note',
      subjectId: String(id),
      municipalityIstat: note.municipalityIstat,
      before: { text: note.text, url: note.url },
    });
    await recordEvent(tx, { type: 'note.changed', aggregateId: String(id), municipalityIstat: note.municipalityIstat });
    return note.municipalityIstat;
  });
}

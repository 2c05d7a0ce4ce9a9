import { z } from 'zod';
import { AdminError } from '../admin/errors';
import { recordAudit } from '../audit';
import { mayorsComune, requireCapability } from '../auth/permissions';
import type { SignedInUser } from '../auth/session';
import { rowId } from '../db/ids';
import type { Db, Tx } from '../db/client';
import { recordEvent } from '../events/record';
import type { EditorialStatus } from '../generated/prisma/enums';
import { hasNoAngleBrackets, isCleanMultiline, isSingleLine } from '../text/safe-text';
import { italianDate, parseDay } from '../time/zones';

/*
 * Calls for messages ("appelli"): the communications office asks the comuni
 * (all of the area, some groups, or a list) for messages on what matters this
 * week, by a deadline, suggesting themes. The comuni asked are fixed when the
 * call is made. A mayor answers with a message linked to the call (the
 * database lets a message name only a call that asked its comune) or declines
 * with a note; staff follow who answered. `call.opened` tells the mayors (lib/worker/subscribers.ts).
 */

const day = z.string().transform((value, ctx) => {
  const parsed = parseDay(value);
  if (!parsed) ctx.addIssue({ code: 'custom', message: 'dates' });
  return parsed ?? new Date(0);
});

export const callSchema = z.object({
  title: z.string().trim().min(3, 'callTitle').max(120, 'callTitle').refine(isSingleLine, 'callTitle').refine(hasNoAngleBrackets, 'callTitle'),
  brief: z.string().trim().min(1, 'callBrief').max(5000, 'callBrief').refine(isCleanMultiline, 'callBrief'),
  deadline: day,
  themes: z.array(rowId).max(5, 'invalid').default([]),
  target: z.enum(['all', 'groups', 'list'], { error: 'callTarget' }),
  groups: z.array(rowId).max(100, 'invalid').default([]),
  comuni: z
    .array(z.string().regex(/^\d{6}$/, 'comune'))
    .max(5000, 'invalid')
    .default([]),
});
export type CallInput = z.infer<typeof callSchema>;

export const declineSchema = z.object({
  callId: rowId,
  note: z.string().trim().max(500, 'text').refine(isCleanMultiline, 'text').default(''),
});

/** Where a comune stands on a call: a published answer, one waiting for moderation, a decline, or nothing (a withdrawn or rejected answer is nothing). */
export type CallAnswer = 'published' | 'submitted' | 'declined' | 'none';
/** A message waiting for moderation or for the mayor's changes: "submitted" as an answer, "waiting" in the weekly briefing. */
export const IN_MODERATION: EditorialStatus[] = ['SUBMITTED', 'CHANGES_REQUESTED', 'APPROVED'];
/** An answer that counts: waiting for moderation or published. The reminders' SQL (reminders.ts) asks the same of a comune with no answer. */
export const ANSWERED: EditorialStatus[] = [...IN_MODERATION, 'PUBLISHED'];

export function answerOf(statuses: EditorialStatus[], declinedAt: Date | null): CallAnswer {
  if (statuses.includes('PUBLISHED')) return 'published';
  if (statuses.some((s) => IN_MODERATION.includes(s))) return 'submitted';
  return declinedAt ? 'declined' : 'none';
}

/** A call is open until the end of its deadline, Italian time. */
export function isOpen(call: { deadline: Date }, now = new Date()): boolean {
  return call.deadline >= italianDate(now);
}

export async function createCall(
  db: Db,
  actor: SignedInUser | null,
  areaCode: string,
  input: CallInput,
  now = new Date(),
): Promise<{ id: number; comuni: number }> {
  const user = requireCapability(actor, 'moderate');
  if (input.deadline < italianDate(now)) throw new AdminError('pastEnd');
  return db.$transaction(async (tx) => {
    const where =
      input.target === 'all'
        ? { areaCode }
        : input.target === 'groups'
          ? { areaCode, groups: { some: { groupId: { in: input.groups } } } }
          : { areaCode, istatCode: { in: input.comuni } };
    const comuni = (await tx.municipality.findMany({ where, select: { istatCode: true } })).map((m) => m.istatCode);
    if (!comuni.length || (input.target === 'list' && comuni.length !== new Set(input.comuni).size)) throw new AdminError('comune');
    const themes = await tx.theme.count({ where: { id: { in: input.themes }, active: true } });
    if (themes !== new Set(input.themes).size) throw new AdminError('notFound');
    const call = await tx.call.create({
      data: {
        title: input.title,
        brief: input.brief,
        deadline: input.deadline,
        createdById: user.id,
        themes: { createMany: { data: [...new Set(input.themes)].map((themeId) => ({ themeId })) } },
        targets: { createMany: { data: comuni.map((istat) => ({ municipalityIstat: istat })) } },
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: user.id,
      action: 'call.create',
      subjectType: 'call',
      subjectId: String(call.id),
      after: {
        title: input.title,
        deadline: input.deadline.toISOString().slice(0, 10),
        themes: input.themes,
        target: input.target,
        groups: input.groups,
        comuni,
      },
    });
    await recordEvent(tx, { type: 'call.opened', aggregateId: String(call.id), municipalityIstat: null });
    return { id: call.id, comuni: comuni.length };
  });
}

/** The latest calls staff made, newest first, with how many comuni were asked and how many answered (one query, whatever their number). */
export async function listCalls(db: Db, actor: SignedInUser | null, now = new Date(), limit = 100) {
  requireCapability(actor, 'moderate');
  const rows = await db.$queryRaw<Array<{ id: number; title: string; deadline: Date; asked: bigint; answered: bigint }>>`
    SELECT c."id", c."title", c."deadline", COUNT(t.*) AS "asked",
           COUNT(t.*) FILTER (WHERE EXISTS (
             SELECT 1 FROM "video" v
             WHERE v."call_id" = t."call_id" AND v."municipality_istat" = t."municipality_istat"
               AND v."status"::text = ANY(${[...ANSWERED]}))) AS "answered"
    FROM "coordination_call" c JOIN "call_target" t ON t."call_id" = c."id"
    GROUP BY c."id"
    ORDER BY c."id" DESC
    LIMIT ${limit}`;
  return rows.map((r) => ({ id: r.id, title: r.title, deadline: r.deadline, open: isOpen(r, now), asked: Number(r.asked), answered: Number(r.answered) }));
}

/** A deadline as mails write it in both languages: day/month/year. */
export function mailDay(day: Date): string {
  return day.toISOString().slice(0, 10).split('-').reverse().join('/');
}

/** Who answered a call, who declined, who has not: one row per comune asked. */
export async function callFollowUp(db: Db, actor: SignedInUser | null, callId: number) {
  requireCapability(actor, 'moderate');
  return followUpRows(db, callId);
}

/** How many comuni were asked and where they stand: the follow-up page's summary and the closing mail's figures. */
export function countAnswers(rows: ReadonlyArray<{ answer: CallAnswer }>): Record<CallAnswer | 'asked', number> {
  const count = (a: CallAnswer) => rows.filter((r) => r.answer === a).length;
  return { asked: rows.length, published: count('published'), submitted: count('submitted'), declined: count('declined'), none: count('none') };
}

export async function callCounts(db: Db | Tx, callId: number): Promise<Record<CallAnswer | 'asked', number>> {
  return countAnswers(await followUpRows(db, callId));
}

async function followUpRows(db: Db | Tx, callId: number) {
  const targets = await db.callTarget.findMany({
    where: { callId },
    orderBy: { municipality: { name: 'asc' } },
    select: {
      municipalityIstat: true,
      declinedAt: true,
      declineNote: true,
      municipality: { select: { name: true } },
      answers: { select: { id: true, title: true, status: true } },
      reminders: { select: { daysBefore: true }, orderBy: { daysBefore: 'desc' } },
    },
  });
  return targets.map((t) => ({
    istatCode: t.municipalityIstat,
    name: t.municipality.name,
    reminders: t.reminders.map((r) => r.daysBefore),
    answer: answerOf(
      t.answers.map((a) => a.status),
      t.declinedAt,
    ),
    declineNote: t.declineNote,
    messages: t.answers.filter((a) => ANSWERED.includes(a.status)).map((a) => ({ id: a.id, title: a.title, status: a.status })),
  }));
}

export type FollowUpRow = Awaited<ReturnType<typeof followUpRows>>[number];

export const FOLLOW_UP_CSV_HEADER = ['istat_code', 'comune', 'answer', 'messages', 'decline_note', 'reminders_days_before'];

export function followUpCsvFields(row: FollowUpRow): string[] {
  return [row.istatCode, row.name, row.answer, row.messages.map((m) => m.title).join(' | '), row.declineNote ?? '', row.reminders.join(' ')];
}

export async function callForStaff(db: Db, actor: SignedInUser | null, callId: number) {
  requireCapability(actor, 'moderate');
  return db.call.findUnique({
    where: { id: callId },
    select: { id: true, title: true, brief: true, deadline: true, isPublic: true, themes: { select: { themeId: true } } },
  });
}

export const collectionSchema = z.object({ callId: rowId, public: z.enum(['1', '0']).transform((v) => v === '1') });

/** Staff make a call's public collection visible to citizens, or take it down (audited; the pages that show it are dropped from the caches). */
export async function setCollectionPublic(db: Db, actor: SignedInUser | null, input: z.infer<typeof collectionSchema>): Promise<void> {
  const user = requireCapability(actor, 'moderate');
  await db.$transaction(async (tx) => {
    const updated = await tx.call.updateMany({ where: { id: input.callId, isPublic: !input.public }, data: { isPublic: input.public } });
    if (updated.count !== 1) throw new AdminError('notAllowed');
    await recordAudit(tx, {
      actorId: user.id,
      action: input.public ? 'call.collection.publish' : 'call.collection.withdraw',
      subjectType: 'call',
      subjectId: String(input.callId),
    });
    await recordEvent(tx, { type: 'call.collection', aggregateId: String(input.callId), municipalityIstat: null });
  });
}

function mayorComune(user: SignedInUser | null): string {
  const comune = mayorsComune(user);
  if (!comune) throw new AdminError('notAllowed');
  return comune;
}

/** The open calls that ask the mayor's comune, with where the comune stands on each: the dashboard's cards. */
export async function openCallsFor(db: Db, user: SignedInUser | null, now = new Date()) {
  return openCallsOf(db, [mayorComune(user)], now);
}

/** The open calls asking any of these comuni, one row per call and comune asked, soonest deadline first (the dashboard; the weekly briefing, for a batch of mayors). */
export async function openCallsOf(db: Db, comuni: readonly string[], now = new Date()) {
  const targets = await db.callTarget.findMany({
    where: { municipalityIstat: { in: [...comuni] }, call: { deadline: { gte: italianDate(now) } } },
    orderBy: { call: { deadline: 'asc' } },
    select: {
      municipalityIstat: true,
      declinedAt: true,
      call: { select: { id: true, title: true, brief: true, deadline: true } },
      answers: { select: { status: true } },
    },
  });
  return targets.map((t) => ({
    ...t.call,
    municipalityIstat: t.municipalityIstat,
    answer: answerOf(
      t.answers.map((a) => a.status),
      t.declinedAt,
    ),
  }));
}

/** A call the mayor's comune may answer now (asked, open), with its suggested themes; null otherwise. */
export async function answerableCall(db: Db, user: SignedInUser | null, callId: number, now = new Date()) {
  const comune = mayorComune(user);
  const call = await db.call.findFirst({
    where: { id: callId, deadline: { gte: italianDate(now) }, targets: { some: { municipalityIstat: comune } } },
    select: { id: true, title: true, themes: { select: { themeId: true }, where: { theme: { active: true } } } },
  });
  return call && { id: call.id, title: call.title, themes: call.themes.map((t) => t.themeId) };
}

/** The mayor says the call does not concern the comune, with a note for staff. */
export async function declineCall(db: Db, user: SignedInUser | null, input: z.infer<typeof declineSchema>, now = new Date()): Promise<void> {
  const comune = mayorComune(user);
  await db.$transaction(async (tx) => {
    // Once: not again, and not by a comune whose answer is already in moderation or published.
    const updated = await tx.callTarget.updateMany({
      where: {
        callId: input.callId,
        municipalityIstat: comune,
        declinedAt: null,
        call: { deadline: { gte: italianDate(now) } },
        answers: { none: { status: { in: ANSWERED } } },
      },
      data: { declinedAt: now, declineNote: input.note || null },
    });
    if (updated.count !== 1) throw new AdminError('notFound');
    await recordAudit(tx, {
      actorId: user!.id,
      action: 'call.decline',
      subjectType: 'call',
      subjectId: String(input.callId),
      municipalityIstat: comune,
      after: { note: input.note },
    });
  });
}

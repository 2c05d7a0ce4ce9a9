import { z } from 'zod';
import { AdminError } from '../admin/errors';
import { recordAudit } from '../audit';
import { requireCapability } from '../auth/permissions';
import type { SignedInUser } from '../auth/session';
import type { Db } from '../db/client';
import { rowId } from '../db/ids';
import { hasNoAngleBrackets, isSingleLine } from '../text/safe-text';
import { fromRomeLocal, parseDay } from '../time/zones';

/*
 * The mayors' coordination meetings with the communications office (the
 * weekly online meeting of the Turin experience): staff set the date, the
 * time (Rome) and the video call's address; the next one goes into the weekly
 * briefing and onto the mayors' dashboard.
 */

export const meetingSchema = z
  .object({
    date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'dates'),
    time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'meetingTime'),
    // Only https: the address goes into mails and onto mayors' pages as a link.
    link: z
      .string()
      .trim()
      .max(500, 'meetingLink')
      .refine(isSingleLine, 'meetingLink')
      .refine((v) => /^https:\/\/[^\s<>"'\\]+$/.test(v) && URL.canParse(v), 'meetingLink'),
    note: z.string().trim().max(300, 'text').refine(isSingleLine, 'text').refine(hasNoAngleBrackets, 'text').default(''),
  })
  .transform((value, ctx) => {
    const startsAt = parseDay(value.date) ? fromRomeLocal(`${value.date}T${value.time}`) : null;
    if (!startsAt) ctx.addIssue({ code: 'custom', message: 'dates', path: ['date'] });
    return { startsAt: startsAt ?? new Date(0), link: value.link, note: value.note };
  });
export type MeetingInput = z.infer<typeof meetingSchema>;

export const meetingIdSchema = z.object({ id: rowId });

export async function createMeeting(db: Db, actor: SignedInUser | null, input: MeetingInput, now = new Date()): Promise<number> {
  const user = requireCapability(actor, 'moderate');
  if (input.startsAt <= now) throw new AdminError('meetingPast');
  return db.$transaction(async (tx) => {
    const meeting = await tx.coordinationMeeting.create({
      data: { startsAt: input.startsAt, link: input.link, note: input.note || null, createdById: user.id },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: user.id,
      action: 'meeting.create',
      subjectType: 'meeting',
      subjectId: String(meeting.id),
      after: { startsAt: input.startsAt.toISOString(), link: input.link, note: input.note },
    });
    return meeting.id;
  });
}

export async function deleteMeeting(db: Db, actor: SignedInUser | null, id: number): Promise<void> {
  const user = requireCapability(actor, 'moderate');
  await db.$transaction(async (tx) => {
    const meeting = await tx.coordinationMeeting.findUnique({ where: { id }, select: { startsAt: true, link: true } });
    // Two deletes at once: the second finds nothing to delete and says so.
    if (!meeting || (await tx.coordinationMeeting.deleteMany({ where: { id } })).count !== 1) throw new AdminError('notFound');
    await recordAudit(tx, {
      actorId: user.id,
      action: 'meeting.delete',
      subjectType: 'meeting',
      subjectId: String(id),
      before: { startsAt: meeting.startsAt.toISOString(), link: meeting.link },
    });
  });
}

/** The meetings still to come (one that began less than two hours ago is still under way), soonest first. */
export async function upcomingMeetings(db: Db, now = new Date(), take = 20) {
  return db.coordinationMeeting.findMany({
    where: { startsAt: { gte: new Date(now.getTime() - 2 * 3_600_000) } },
    orderBy: { startsAt: 'asc' },
    take,
    select: { id: true, startsAt: true, link: true, note: true },
  });
}

export async function nextMeeting(db: Db, now = new Date()) {
  return (await upcomingMeetings(db, now, 1))[0] ?? null;
}

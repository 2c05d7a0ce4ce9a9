import { recordAudit } from '../audit';
import { config } from '../config';
import type { Db } from '../db/client';
import { callClosedMail, callReminderMail } from '../mail/templates';
import { enqueueMail, enqueueMails } from '../notifications/outbox';
import { italianDate, romeDayAt } from '../time/zones';
import { ANSWERED, callCounts, mailDay } from './index';

/*
 * What a call does by itself as its deadline nears and passes (the
 * `calls.reminders` job, every quarter of an hour): reminders to the comuni
 * that have neither answered nor declined, so many days before the deadline
 * (VC_CALL_REMINDER_DAYS) at an hour of Rome's wall clock
 * (VC_CALL_REMINDER_HOUR), on that day only (a reminder whose day passed
 * while no worker ran is not sent late, with a count of days now wrong), and
 * once the deadline has passed a summary to staff. Each comune is reminded at
 * most once per offset: the reminder's row is inserted, its mail written and
 * the audit entry recorded in one transaction, so two runs at once send
 * nothing twice.
 */

/** Looking back further than this for calls to close would mail summaries of calls long gone (a portal upgraded in the middle of things). */
const SUMMARY_WITHIN_DAYS = 7;

/** The reminder offset due for a call now: today (Rome) is that many days before the deadline, its hour has come, and the call was made on an earlier day (its own mail is reminder enough that day). */
export function dueOffset(call: { deadline: Date; createdAt: Date }, now: Date, days: readonly number[], hour: number): number | null {
  const today = italianDate(now).getTime();
  const d = days.find((d) => call.deadline.getTime() - d * 86_400_000 === today);
  if (d === undefined) return null;
  return romeDayAt(call.deadline, -d, hour) <= now && italianDate(call.createdAt).getTime() < today ? d : null;
}

export async function sendDueReminders(db: Db, now = new Date()): Promise<{ reminded: number; summaries: number }> {
  const { reminderDays, reminderHour } = config().coordination;
  const today = italianDate(now);
  let reminded = 0;
  if (reminderDays.length) {
    const open = await db.call.findMany({
      where: { deadline: { gte: today, lte: new Date(today.getTime() + Math.max(...reminderDays) * 86_400_000) } },
      select: { id: true, title: true, deadline: true, createdAt: true },
    });
    for (const call of open) {
      const days = dueOffset(call, now, reminderDays, reminderHour);
      if (days !== null) reminded += await remindCall(db, call, days);
    }
  }
  let summaries = 0;
  const closed = await db.call.findMany({
    where: { summarySentAt: null, deadline: { lt: today, gte: new Date(today.getTime() - SUMMARY_WITHIN_DAYS * 86_400_000) } },
    select: { id: true, deadline: true },
  });
  for (const call of closed) {
    if (romeDayAt(call.deadline, 1, reminderHour) <= now && (await closeCall(db, call.id, now))) summaries += 1;
  }
  return { reminded, summaries };
}

async function remindCall(db: Db, call: { id: number; title: string; deadline: Date }, days: number): Promise<number> {
  return db.$transaction(async (tx) => {
    // The comuni asked that have not answered nor declined, claimed here for this offset, once.
    const claimed = await tx.$queryRaw<Array<{ municipality_istat: string }>>`
      INSERT INTO "call_reminder" ("call_id", "municipality_istat", "days_before")
      SELECT t."call_id", t."municipality_istat", ${days}::smallint
      FROM "call_target" t
      WHERE t."call_id" = ${call.id}
        AND t."declined_at" IS NULL
        AND NOT EXISTS (SELECT 1 FROM "video" v WHERE v."call_id" = t."call_id" AND v."municipality_istat" = t."municipality_istat"
                        AND v."status"::text = ANY(${[...ANSWERED]}))
      ON CONFLICT DO NOTHING
      RETURNING "municipality_istat"`;
    if (!claimed.length) return 0;
    const comuni = claimed.map((c) => c.municipality_istat).sort();
    const mayors = await tx.user.findMany({
      where: { role: 'MAYOR', disabledAt: null, municipalityIstat: { in: comuni } },
      select: { email: true },
    });
    const { institution, publicUrl } = config();
    const params = { title: call.title, deadline: mailDay(call.deadline), institution: institution.name, days };
    await enqueueMails(
      tx,
      'call-reminder',
      mayors.map((m) => callReminderMail(m.email, params, `${publicUrl}/sindaco`)),
    );
    await recordAudit(tx, {
      actorId: null,
      action: 'call.remind',
      subjectType: 'call',
      subjectId: String(call.id),
      after: { daysBefore: days, comuni, mails: mayors.length },
    });
    return comuni.length;
  });
}

/** The day after the deadline: the figures of the follow-up to the staff member who made the call (or to all staff, when that account is gone), once. */
async function closeCall(db: Db, callId: number, now: Date): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const claimed = await tx.call.updateMany({ where: { id: callId, summarySentAt: null }, data: { summarySentAt: now } });
    if (claimed.count !== 1) return false;
    const call = await tx.call.findUniqueOrThrow({ where: { id: callId }, select: { title: true, deadline: true, createdById: true } });
    const counts = await callCounts(tx, callId);
    const staff = { role: { in: ['MODERATOR', 'ADMIN'] as Array<'MODERATOR' | 'ADMIN'> }, disabledAt: null };
    const maker = call.createdById ? await tx.user.findFirst({ where: { id: call.createdById, ...staff }, select: { email: true } }) : null;
    const recipients = maker ? [maker] : await tx.user.findMany({ where: staff, select: { email: true } });
    const { publicUrl } = config();
    for (const r of recipients) {
      await enqueueMail(
        tx,
        'call-summary',
        callClosedMail(r.email, { title: call.title, deadline: mailDay(call.deadline), ...counts }, `${publicUrl}/staff/appelli/${callId}`),
      );
    }
    await recordAudit(tx, {
      actorId: null,
      action: 'call.close',
      subjectType: 'call',
      subjectId: String(callId),
      after: { ...counts, mails: recipients.length },
    });
    return true;
  });
}

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
 * (VC_CALL_REMINDER_HOUR), and once the deadline has passed a summary to
 * staff. Each comune is reminded at most once per offset, and not again for an
 * earlier offset once a later one went out (a worker that was down on the
 * third day does not send the third-day reminder on the last one): the
 * reminder's row is inserted, its mail written and the audit entry recorded in
 * one transaction, so two runs at once send nothing twice.
 */

/** Looking back further than this for calls to close would mail summaries of calls long gone (a portal upgraded in the middle of things). */
const SUMMARY_WITHIN_DAYS = 7;

/** The reminder offset that is due for a call now (the smallest whose moment has come, among those after the call was made), or null. */
export function dueOffset(call: { deadline: Date; createdAt: Date }, now: Date, days: readonly number[], hour: number): number | null {
  if (call.deadline < italianDate(now)) return null;
  const due = days.filter((d) => {
    const at = romeDayAt(call.deadline, -d, hour);
    return at <= now && call.createdAt < at;
  });
  return due.length ? Math.min(...due) : null;
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
    // The comuni asked that have not answered, not declined and not been reminded at this offset or a later one: claimed here, once.
    const claimed = await tx.$queryRaw<Array<{ municipality_istat: string }>>`
      INSERT INTO "call_reminder" ("call_id", "municipality_istat", "days_before")
      SELECT t."call_id", t."municipality_istat", ${days}::smallint
      FROM "call_target" t
      WHERE t."call_id" = ${call.id}
        AND t."declined_at" IS NULL
        AND NOT EXISTS (SELECT 1 FROM "video" v WHERE v."call_id" = t."call_id" AND v."municipality_istat" = t."municipality_istat"
                        AND v."status"::text = ANY(${[...ANSWERED]}))
        AND NOT EXISTS (SELECT 1 FROM "call_reminder" r WHERE r."call_id" = t."call_id" AND r."municipality_istat" = t."municipality_istat"
                        AND r."days_before" <= ${days})
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

/** The day after the deadline: the figures of the follow-up to the staff member who made the call (or to every moderator, when that account is gone), once. */
async function closeCall(db: Db, callId: number, now: Date): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const claimed = await tx.call.updateMany({ where: { id: callId, summarySentAt: null }, data: { summarySentAt: now } });
    if (claimed.count !== 1) return false;
    const call = await tx.call.findUniqueOrThrow({ where: { id: callId }, select: { title: true, deadline: true, createdById: true } });
    const counts = await callCounts(tx, callId);
    const staff = { role: { in: ['MODERATOR', 'ADMIN'] as Array<'MODERATOR' | 'ADMIN'> }, disabledAt: null };
    const maker = call.createdById ? await tx.user.findFirst({ where: { id: call.createdById, ...staff }, select: { email: true } }) : null;
    const recipients = maker ? [maker] : await tx.user.findMany({ where: { role: 'MODERATOR', disabledAt: null }, select: { email: true } });
    const { publicUrl } = config();
    for (const r of recipients) {
      await enqueueMail(
        tx,
        'call-summary',
        callClosedMail(r.email, { title: call.title, deadline: mailDay(call.deadline), ...counts }, `${publicUrl}/staff/appelli/${callId}`),
      );
    }
    await recordAudit(tx, { actorId: null, action: 'call.close', subjectType: 'call', subjectId: String(callId), after: { ...counts, mails: recipients.length } });
    return true;
  });
}

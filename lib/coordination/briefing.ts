import { z } from 'zod';
import { AdminError } from '../admin/errors';
import { recordAudit } from '../audit';
import { mayorsComune, requireCapability } from '../auth/permissions';
import type { SignedInUser } from '../auth/session';
import { IN_MODERATION, openCallsOf } from '../calls';
import { publiclyVisible } from '../catalog/visibility';
import { config } from '../config';
import type { Db } from '../db/client';
import { LOCALES, localeOf } from '../i18n';
import { enqueue } from '../jobs/queue';
import { enqueueMails } from '../notifications/outbox';
import { italianDate, romeDayAt, romeWeekdayHour } from '../time/zones';
import { briefingMail, type Briefing } from './briefing-mail';
import { nextMeeting } from './meetings';

/*
 * The mayors' weekly briefing: one mail per mayor, in the language the mayor
 * chose, with the calls still open for the comune and where it stands on
 * each, the comune's own messages waiting for moderation or needing changes,
 * what was published this week in the comune's groups (or in the whole area,
 * for a comune in no group), and the next coordination meeting. The
 * `briefing.send` job runs every quarter of an hour and sends the week's
 * edition from VC_BRIEFING_DAY at VC_BRIEFING_HOUR (Rome); staff can send an
 * edition of their own at any time. `briefing_delivery` has one row per
 * mayor and edition, inserted with the mail: nobody gets an edition twice.
 * A mayor may opt out; decisions about the comune's own messages still come.
 */

const BATCH = 100;
const WEEK_MS = 7 * 86_400_000;
const MAX_PUBLISHED = 10;

/** A week's edition is sent within a day of its moment: a worker down at the hour sends it when it is back, not a week late. */
const CATCH_UP_MS = 86_400_000;

/** The scheduled edition due now (named by its Rome day): the latest moment of the configured weekday and hour, if it is less than a day ago; else null. */
export function dueEdition(now: Date, day: number, hour: number): string | null {
  const today = italianDate(now);
  let weekday = new Date(today.getTime() - ((romeWeekdayHour(now).weekday - day + 7) % 7) * 86_400_000);
  if (romeDayAt(weekday, 0, hour) > now) weekday = new Date(weekday.getTime() - 7 * 86_400_000);
  if (now.getTime() - romeDayAt(weekday, 0, hour).getTime() >= CATCH_UP_MS) return null;
  return `week-${weekday.toISOString().slice(0, 10)}`;
}

/** A mayor's choice: the briefing or not, and its language. */
export const briefingPreferencesSchema = z.object({ wanted: z.boolean(), locale: z.enum(LOCALES) });

export async function setBriefingPreferences(db: Db, user: SignedInUser | null, input: z.infer<typeof briefingPreferencesSchema>): Promise<void> {
  if (!mayorsComune(user)) throw new AdminError('notAllowed');
  await db.user.update({ where: { id: user!.id }, data: { weeklyBriefing: input.wanted, briefingLocale: input.locale } });
}

export async function briefingPreferences(db: Db, user: SignedInUser) {
  return db.user.findUniqueOrThrow({ where: { id: user.id }, select: { weeklyBriefing: true, briefingLocale: true } });
}

/** Staff's "send now": the form carries a fresh id, so the same form sent twice (a double click, a reload) is one edition. */
export const sendNowSchema = z.object({ edition: z.uuid() });

/** Staff send an edition now, outside the weekly schedule (audited once per edition; queued once). */
export async function sendBriefingNow(db: Db, actor: SignedInUser | null, input: z.infer<typeof sendNowSchema>): Promise<string> {
  const user = requireCapability(actor, 'moderate');
  const edition = `staff-${input.edition.toLowerCase()}`;
  await db.$transaction(async (tx) => {
    // Two posts of one form at once: one queues it, the other finds it done.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${edition}))`;
    if (await tx.auditEvent.count({ where: { action: 'briefing.send', subjectId: edition } })) return;
    await enqueue(tx, 'briefing.send', { edition });
    await recordAudit(tx, { actorId: user.id, action: 'briefing.send', subjectType: 'briefing', subjectId: edition });
  });
  return edition;
}

/** Every mayor who wants the briefing and has not had this edition gets it; returns how many were written. */
export async function sendBriefings(db: Db, edition: string, now = new Date()): Promise<number> {
  // Checked first: the schedule asks every quarter of an hour for a day, and almost always everyone has it.
  const pending = { role: 'MAYOR' as const, disabledAt: null, weeklyBriefing: true, briefings: { none: { edition } } };
  if (!(await db.user.findFirst({ where: pending, select: { id: true } }))) return 0;
  const meeting = await nextMeeting(db, now);
  const visible = await publiclyVisible(db, now);
  const published = await db.video.findMany({
    where: { ...visible, publishedAt: { gt: new Date(now.getTime() - WEEK_MS), lte: now } },
    orderBy: { publishedAt: 'desc' },
    take: 500,
    select: { id: true, title: true, municipalityIstat: true, municipality: { select: { name: true } } },
  });
  let after: string | undefined;
  let sent = 0;
  for (;;) {
    const mayors = await db.user.findMany({
      where: { ...pending, ...(after ? { id: { gt: after } } : {}) },
      orderBy: { id: 'asc' },
      take: BATCH,
      select: { id: true, email: true, briefingLocale: true, municipalityIstat: true, municipality: { select: { name: true } } },
    });
    if (!mayors.length) return sent;
    after = mayors.at(-1)!.id;
    const comuni = [...new Set(mayors.map((m) => m.municipalityIstat!))];
    const [calls, waiting, memberships] = await Promise.all([
      openCallsOf(db, comuni, now),
      db.video.findMany({
        where: { municipalityIstat: { in: comuni }, status: { in: IN_MODERATION } },
        orderBy: { updatedAt: 'desc' },
        select: { id: true, title: true, status: true, municipalityIstat: true },
      }),
      db.municipalityGroupMember.findMany({
        where: { group: { members: { some: { municipalityIstat: { in: comuni } } } } },
        select: { groupId: true, municipalityIstat: true },
      }),
    ]);
    const neighbours = (istat: string): Set<string> | null => {
      const groups = new Set(memberships.filter((m) => m.municipalityIstat === istat).map((m) => m.groupId));
      return groups.size ? new Set(memberships.filter((m) => groups.has(m.groupId)).map((m) => m.municipalityIstat)) : null;
    };
    const { institution, publicUrl } = config();
    const briefingOf = (mayor: (typeof mayors)[number]): Briefing => {
      const istat = mayor.municipalityIstat!;
      const group = neighbours(istat);
      return {
        institution: institution.name,
        comune: mayor.municipality!.name,
        inGroup: group !== null,
        calls: calls.filter((c) => c.municipalityIstat === istat).map((c) => ({ title: c.title, deadline: c.deadline, answer: c.answer })),
        waiting: waiting.filter((v) => v.municipalityIstat === istat).map((v) => ({ id: v.id, title: v.title, status: v.status })),
        published: published
          .filter((v) => !group || group.has(v.municipalityIstat))
          .slice(0, MAX_PUBLISHED)
          .map((v) => ({ id: v.id, title: v.title, comune: v.municipality.name })),
        meeting,
      };
    };
    sent += await db.$transaction(async (tx) => {
      const claimed = await tx.$queryRaw<Array<{ user_id: string }>>`
        INSERT INTO "briefing_delivery" ("user_id", "edition")
        SELECT unnest(${mayors.map((m) => m.id)}::uuid[]), ${edition}
        ON CONFLICT DO NOTHING
        RETURNING "user_id"`;
      const fresh = new Set(claimed.map((c) => c.user_id));
      const mails = mayors.filter((m) => fresh.has(m.id)).map((m) => briefingMail(m.email, localeOf(m.briefingLocale), briefingOf(m), publicUrl));
      await enqueueMails(tx, 'briefing', mails);
      return mails.length;
    });
    if (mayors.length < BATCH) return sent;
  }
}

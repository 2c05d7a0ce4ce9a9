import { z } from 'zod';
import { recordAudit } from '../audit';
import { requireCapability } from '../auth/permissions';
import { takeRateLimit, type RateLimit } from '../auth/rate-limit';
import type { SignedInUser } from '../auth/session';
import type { Db } from '../db/client';
import { recordEvent } from '../events/record';
import { isCleanMultiline, isSingleLine } from '../text/safe-text';

/*
 * The feedback mechanism of the accessibility statement (Law 4/2004, art.
 * 3-quinquies): a citizen reports a problem, staff see it on /staff, the
 * accessibility contact gets a mail (a subscriber of `accessibility.reported`),
 * and staff mark it answered once they have replied. Answered reports are
 * deleted two years after the answer, as the privacy notice says.
 */

export const REPORTS_PER_NETWORK: RateLimit = { bucket: 'a11y-report', limit: 5, windowMs: 60 * 60 * 1000 };
export const KEEP_ANSWERED_MS = 2 * 365 * 24 * 3600_000;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .refine(isSingleLine)
    .transform((v) => v || null);

/** What the form sends; each field's error code is its own name (the form shows the translated sentence). */
export const reportSchema = z.object({
  name: optionalText(120),
  email: z.string().trim().max(320).pipe(z.email()),
  page: optionalText(500),
  description: z.string().trim().min(10).max(4000).refine(isCleanMultiline),
});

export type ReportInput = z.infer<typeof reportSchema>;
export type ReportField = keyof ReportInput;

/** The fields that are wrong, each once, in the form's order. */
export function invalidFields(values: Record<string, unknown>): { data: ReportInput | null; fields: ReportField[] } {
  const parsed = reportSchema.safeParse(values);
  if (parsed.success) return { data: parsed.data, fields: [] };
  const fields = new Set(parsed.error.issues.map((issue) => issue.path[0] as ReportField));
  return { data: null, fields: (['name', 'email', 'page', 'description'] as const).filter((f) => fields.has(f)) };
}

/** A page of this portal: a path, or an address on its own origin. Anything else is refused. */
export function portalPage(page: string | null, publicUrl: string): string | null | false {
  if (page === null) return null;
  try {
    const url = new URL(page, publicUrl);
    return url.origin === new URL(publicUrl).origin ? `${url.pathname}${url.search}` : false;
  } catch {
    return false;
  }
}

export type SubmitOutcome = { ok: true; id: string } | { ok: false; retryAfterSeconds: number };

export async function submitReport(db: Db, input: ReportInput & { locale: string }, network: string): Promise<SubmitOutcome> {
  const verdict = await takeRateLimit(db, REPORTS_PER_NETWORK, network);
  if (!verdict.allowed) return { ok: false, retryAfterSeconds: verdict.retryAfterSeconds };
  const report = await db.$transaction(async (tx) => {
    const row = await tx.accessibilityReport.create({
      data: { name: input.name, email: input.email.toLowerCase(), pageUrl: input.page, description: input.description, locale: input.locale },
      select: { id: true },
    });
    await recordEvent(tx, { type: 'accessibility.reported', aggregateId: row.id });
    return row;
  });
  return { ok: true, id: report.id };
}

/** Marks a report answered, once: a second press (or a second moderator) changes nothing. */
export async function markAnswered(db: Db, user: SignedInUser | null, id: string, now = new Date()): Promise<boolean> {
  const actorId = requireCapability(user, 'moderate').id;
  return db.$transaction(async (tx) => {
    const { count } = await tx.accessibilityReport.updateMany({
      where: { id, status: 'OPEN' },
      data: { status: 'ANSWERED', answeredAt: now, answeredBy: actorId },
    });
    if (count === 1) await recordAudit(tx, { actorId, action: 'accessibility.answered', subjectType: 'report', subjectId: id, at: now });
    return count === 1;
  });
}

/** What staff see: open reports first, oldest first (the 30 days run from the report); then the latest answered ones. */
export async function reportsForStaff(db: Db, answeredShown = 20) {
  const select = {
    id: true,
    createdAt: true,
    name: true,
    email: true,
    pageUrl: true,
    description: true,
    locale: true,
    status: true,
    answeredAt: true,
  } as const;
  const [open, answered] = await Promise.all([
    db.accessibilityReport.findMany({ where: { status: 'OPEN' }, orderBy: { createdAt: 'asc' }, select }),
    db.accessibilityReport.findMany({ where: { status: 'ANSWERED' }, orderBy: { answeredAt: 'desc' }, take: answeredShown, select }),
  ]);
  return { open, answered };
}

export function openReportCount(db: Db): Promise<number> {
  return db.accessibilityReport.count({ where: { status: 'OPEN' } });
}

export async function purgeAnsweredReports(db: Db, now = new Date()): Promise<number> {
  const { count } = await db.accessibilityReport.deleteMany({ where: { status: 'ANSWERED', answeredAt: { lt: new Date(now.getTime() - KEEP_ANSWERED_MS) } } });
  return count;
}

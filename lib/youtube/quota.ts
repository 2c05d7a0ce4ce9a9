import { config } from '../config';
import type { Db } from '../db/client';
import { dayIn, nextMidnightIn } from '../time/zones';
import { bucketOf, QUOTA_COSTS, QUOTA_ZONE, type QuotaBucket, type QuotaMethod } from './quota-costs';

/*
 * The portal's own quota ledger. Every call is reserved here before it is
 * made; a call that would go over the day's budget is not made, and its job
 * waits for the reset (midnight Pacific time) instead of failing.
 */

export function quotaLimits(): Record<QuotaBucket, number> {
  const { quota } = config().youtube;
  return { default: quota.units, insert: quota.uploads };
}

export type Reservation = { ok: true } | { ok: false; resetAt: Date };

export async function reserveQuota(db: Db, method: QuotaMethod, now = new Date(), limits = quotaLimits()): Promise<Reservation> {
  const bucket = bucketOf(method);
  const cost = QUOTA_COSTS[method];
  const day = dayIn(QUOTA_ZONE, now);
  // One statement: two workers cannot both take the last units.
  const rows = await db.$queryRaw<Array<{ used: number }>>`
    INSERT INTO "youtube_quota" ("day", "bucket", "used") VALUES (${day}::date, ${bucket}, ${cost})
    ON CONFLICT ("day", "bucket") DO UPDATE SET "used" = "youtube_quota"."used" + EXCLUDED."used"
    WHERE "youtube_quota"."used" + EXCLUDED."used" <= ${limits[bucket]}
    RETURNING "used"`;
  if (rows.length && rows[0]!.used <= limits[bucket]) return { ok: true };
  return { ok: false, resetAt: nextMidnightIn(QUOTA_ZONE, now) };
}

/** YouTube said the quota is gone (its count can differ from ours): the bucket is full until the reset. */
export async function exhaustQuota(db: Db, bucket: QuotaBucket, now = new Date(), limits = quotaLimits()): Promise<Date> {
  const day = dayIn(QUOTA_ZONE, now);
  await db.$executeRaw`
    INSERT INTO "youtube_quota" ("day", "bucket", "used") VALUES (${day}::date, ${bucket}, ${limits[bucket]})
    ON CONFLICT ("day", "bucket") DO UPDATE SET "used" = GREATEST("youtube_quota"."used", EXCLUDED."used")`;
  return nextMidnightIn(QUOTA_ZONE, now);
}

/** Today's budget, for staff. */
export async function quotaToday(db: Db, now = new Date(), limits = quotaLimits()) {
  const rows = await db.youtubeQuota.findMany({ where: { day: dayIn(QUOTA_ZONE, now) } });
  const used = (bucket: QuotaBucket) => rows.find((r) => r.bucket === bucket)?.used ?? 0;
  return {
    units: { used: used('default'), limit: limits.default },
    uploads: { used: used('insert'), limit: limits.insert },
    resetAt: nextMidnightIn(QUOTA_ZONE, now),
  };
}

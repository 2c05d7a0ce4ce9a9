import type { Db } from '../db/client';

/*
 * Counts attempts in PostgreSQL, so every web process shares the same limits.
 * A refused attempt is not counted, so waiting out the window always works.
 */

export interface RateLimit {
  bucket: string;
  limit: number;
  windowMs: number;
}

export interface RateVerdict {
  allowed: boolean;
  retryAfterSeconds: number;
}

export async function takeRateLimit(db: Db, rule: RateLimit, key: string, now = new Date()): Promise<RateVerdict> {
  const since = new Date(now.getTime() - rule.windowMs);
  return db.$transaction(async (tx) => {
    // Serialise attempts on the same key so two parallel requests cannot both take the last slot.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`${rule.bucket}:${key}`}))`;
    const hits = await tx.rateLimitHit.findMany({
      where: { bucket: rule.bucket, key, at: { gt: since } },
      orderBy: { at: 'asc' },
      select: { at: true },
      take: rule.limit,
    });
    if (hits.length >= rule.limit) {
      const oldest = hits[0]!.at.getTime();
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((oldest + rule.windowMs - now.getTime()) / 1000)) };
    }
    await tx.rateLimitHit.create({ data: { bucket: rule.bucket, key, at: now } });
    await tx.rateLimitHit.deleteMany({ where: { bucket: rule.bucket, key, at: { lte: since } } });
    return { allowed: true, retryAfterSeconds: 0 };
  });
}

export const SIGN_IN_PER_ADDRESS: RateLimit = { bucket: 'signin-address', limit: 5, windowMs: 60 * 60 * 1000 };
export const SIGN_IN_PER_IP: RateLimit = { bucket: 'signin-ip', limit: 20, windowMs: 60 * 60 * 1000 };

/** Forgets attempts older than any window (a day is longer than all of them): run hourly, so the table does not grow with every address ever seen. */
export async function purgeRateLimits(db: Db, now = new Date()): Promise<number> {
  const { count } = await db.rateLimitHit.deleteMany({ where: { at: { lt: new Date(now.getTime() - 24 * 3600_000) } } });
  return count;
}

import { z } from 'zod';
import { takeRateLimit, type RateLimit } from '../auth/rate-limit';
import type { Db } from '../db/client';
import type { Locale } from '../i18n';
import { isAllowedEndpoint, MAX_ENDPOINT_LENGTH } from './push-services';
import { subjectColumns, subjectKey, type AlertSubject } from './subject';
import { subjectLabel } from './subscriptions';

/*
 * Push notifications need no address and no confirmation: the browser asks its
 * user for permission, and its subscription (an endpoint at its push service
 * and the keys to encrypt for) is all the portal keeps. Whoever knows the
 * endpoint (only that browser and its push service) may change what it
 * follows; a page's button follows or stops following one comune or theme.
 */

/** A browser's PushSubscription as its toJSON() writes it. */
export const browserSubscription = z
  .object({
    endpoint: z.string().min(1).max(MAX_ENDPOINT_LENGTH),
    expirationTime: z.number().nullable().optional(),
    keys: z
      .object({
        // An uncompressed P-256 point and 16 random bytes (RFC 8291), base64url.
        p256dh: z.string().refine((v) => /^[A-Za-z0-9_-]{86,88}=?=?$/.test(v) && Buffer.from(v, 'base64url').length === 65),
        auth: z.string().refine((v) => /^[A-Za-z0-9_-]{22,24}=?=?$/.test(v) && Buffer.from(v, 'base64url').length === 16),
      })
      .strict(),
  })
  .strict();
export type BrowserSubscription = z.infer<typeof browserSubscription>;

/** Follows from one network: a page sends one per click, so this stops only a script. */
export const PUSH_FOLLOWS_PER_NETWORK: RateLimit = { bucket: 'push-network', limit: 30, windowMs: 3600_000 };
/** What one browser may follow: far more than the comuni and themes a citizen cares about, far fewer than a script would add. */
export const MAX_FOLLOWS_PER_BROWSER = 50;

export type FollowOutcome =
  | { ok: true }
  | { ok: false; reason: 'tooMany'; retryAfterSeconds: number }
  | { ok: false; reason: 'unknownSubject' | 'unknownService' | 'tooManyFollows' };

export async function followByPush(
  db: Db,
  request: { subscription: BrowserSubscription; subject: AlertSubject; locale: Locale },
  services: readonly string[],
  network: string,
  now = new Date(),
): Promise<FollowOutcome> {
  const { endpoint, keys } = request.subscription;
  if (!isAllowedEndpoint(endpoint, services)) return { ok: false, reason: 'unknownService' };
  if (!(await subjectLabel(db, request.subject, request.locale))) return { ok: false, reason: 'unknownSubject' };
  const byNetwork = await takeRateLimit(db, PUSH_FOLLOWS_PER_NETWORK, network, now);
  if (!byNetwork.allowed) return { ok: false, reason: 'tooMany', retryAfterSeconds: byNetwork.retryAfterSeconds };
  return db.$transaction(async (tx) => {
    // The browser may have renewed its keys; the latest page's language is the one it reads.
    const row = await tx.pushSubscription.upsert({
      where: { endpoint },
      create: { endpoint, p256dh: keys.p256dh, auth: keys.auth, locale: request.locale },
      update: { p256dh: keys.p256dh, auth: keys.auth, locale: request.locale },
      select: { id: true, _count: { select: { follows: true } } },
    });
    const columns = subjectColumns(request.subject);
    const already = await tx.pushFollow.count({ where: { subscriptionId: row.id, subject: columns.subject } });
    if (!already && row._count.follows >= MAX_FOLLOWS_PER_BROWSER) return { ok: false, reason: 'tooManyFollows' } as const;
    if (!already) await tx.pushFollow.create({ data: { subscriptionId: row.id, ...columns } });
    return { ok: true } as const;
  });
}

/** Stops following a subject; a browser that follows nothing more is forgotten. Returns how many subjects it still follows. */
export async function unfollowByPush(db: Db, endpoint: string, subject: AlertSubject): Promise<number> {
  return db.$transaction(async (tx) => {
    const row = await tx.pushSubscription.findUnique({ where: { endpoint }, select: { id: true } });
    if (!row) return 0;
    await tx.pushFollow.deleteMany({ where: { subscriptionId: row.id, subject: subjectKey(subject) } });
    const remaining = await tx.pushFollow.count({ where: { subscriptionId: row.id } });
    if (!remaining) await tx.pushSubscription.delete({ where: { id: row.id } });
    return remaining;
  });
}

/** Whether this browser follows the subject (what its button shows). */
export async function followsByPush(db: Db, endpoint: string, subject: AlertSubject): Promise<boolean> {
  const count = await db.pushFollow.count({ where: { subject: subjectKey(subject), subscription: { endpoint } } });
  return count > 0;
}

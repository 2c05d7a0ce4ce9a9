import { ECDH, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { takeRateLimit, type RateLimit } from '../auth/rate-limit';
import type { Db } from '../db/client';
import type { Locale } from '../i18n';
import { allowedEndpoint, endpointKey, MAX_ENDPOINT_LENGTH } from './push-services';
import { subjectColumns, subjectKey, type AlertSubject } from './subject';
import { subjectLabel } from './subscriptions';

/*
 * Push notifications need no address and no confirmation: the browser asks its
 * user for permission, and its subscription (an endpoint at its push service
 * and the keys to encrypt for) is all the portal keeps. Whoever knows the
 * endpoint (only that browser and its push service) may change what it
 * follows; a page's button follows or stops following one comune or theme.
 */

/** A browser's public key: a point of the P-256 curve (a key of the right length but off the curve could never be encrypted for). */
function isP256Point(text: string): boolean {
  if (!/^[A-Za-z0-9_-]{86,88}=?=?$/.test(text)) return false;
  const bytes = Buffer.from(text, 'base64url');
  if (bytes.length !== 65 || bytes[0] !== 4) return false;
  try {
    // OpenSSL decodes the point only if it lies on the curve.
    ECDH.convertKey(bytes, 'prime256v1');
    return true;
  } catch {
    return false;
  }
}

/** A browser's PushSubscription as its toJSON() writes it. */
export const browserSubscription = z
  .object({
    endpoint: z.string().min(1).max(MAX_ENDPOINT_LENGTH),
    expirationTime: z.number().nullable().optional(),
    keys: z
      .object({
        // An uncompressed P-256 point and 16 random bytes (RFC 8291), base64url.
        p256dh: z.string().max(100).refine(isP256Point),
        auth: z
          .string()
          .max(40)
          .refine((v) => /^[A-Za-z0-9_-]{22,24}=?=?$/.test(v) && Buffer.from(v, 'base64url').length === 16),
      })
      .strict(),
  })
  .strict();
export type BrowserSubscription = z.infer<typeof browserSubscription>;

/**
 * New follows from one network: a page sends one per click, so this stops only a
 * script; generous, since a mobile carrier puts many citizens behind one address.
 * Following again what a browser already follows (its keys renewed) is not counted.
 */
export const PUSH_FOLLOWS_PER_NETWORK: RateLimit = { bucket: 'push-network', limit: 120, windowMs: 3600_000 };
/** What one browser may follow: far more than the comuni and themes a citizen cares about, far fewer than a script would add. */
export const MAX_FOLLOWS_PER_BROWSER = 50;

export type FollowOutcome =
  { ok: true } | { ok: false; reason: 'tooMany'; retryAfterSeconds: number } | { ok: false; reason: 'unknownSubject' | 'unknownService' | 'tooManyFollows' };

export async function followByPush(
  db: Db,
  request: { subscription: BrowserSubscription; subject: AlertSubject; locale: Locale },
  services: readonly string[],
  network: string,
  now = new Date(),
): Promise<FollowOutcome> {
  const endpoint = allowedEndpoint(request.subscription.endpoint, services);
  if (!endpoint) return { ok: false, reason: 'unknownService' };
  const { keys } = request.subscription;
  if (!(await subjectLabel(db, request.subject, request.locale))) return { ok: false, reason: 'unknownSubject' };
  const columns = subjectColumns(request.subject);
  const already = await db.pushFollow.count({ where: { subject: columns.subject, subscription: { endpoint } } });
  if (!already) {
    const byNetwork = await takeRateLimit(db, PUSH_FOLLOWS_PER_NETWORK, network, now);
    if (!byNetwork.allowed) return { ok: false, reason: 'tooMany', retryAfterSeconds: byNetwork.retryAfterSeconds };
  }
  return db.$transaction(async (tx) => {
    // One INSERT … ON CONFLICT, which also locks the row: two requests for one browser wait for each other.
    // The browser may have renewed its keys; the latest page's language is the one it reads.
    const [row] = await tx.$queryRaw<Array<{ id: string }>>`
      INSERT INTO push_subscription (id, endpoint, p256dh, auth, locale)
      VALUES (${randomUUID()}::uuid, ${endpoint}, ${keys.p256dh}, ${keys.auth}, ${request.locale})
      ON CONFLICT (endpoint) DO UPDATE SET p256dh = EXCLUDED.p256dh, auth = EXCLUDED.auth, locale = EXCLUDED.locale, failures = 0
      RETURNING id::text`;
    const follows = await tx.pushFollow.findMany({ where: { subscriptionId: row!.id }, select: { subject: true } });
    if (follows.some((f) => f.subject === columns.subject)) return { ok: true } as const;
    if (follows.length >= MAX_FOLLOWS_PER_BROWSER) return { ok: false, reason: 'tooManyFollows' } as const;
    await tx.pushFollow.createMany({ data: [{ subscriptionId: row!.id, ...columns }], skipDuplicates: true });
    return { ok: true } as const;
  });
}

/** Stops following a subject; a browser that follows nothing more is forgotten. Returns how many subjects it still follows. */
export async function unfollowByPush(db: Db, given: string, subject: AlertSubject): Promise<number> {
  const endpoint = endpointKey(given);
  if (!endpoint) return 0;
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
export async function followsByPush(db: Db, given: string, subject: AlertSubject): Promise<boolean> {
  const endpoint = endpointKey(given);
  if (!endpoint) return false;
  const count = await db.pushFollow.count({ where: { subject: subjectKey(subject), subscription: { endpoint } } });
  return count > 0;
}

/**
 * A browser's push service replaced its subscription (Firefox does, on its
 * own): the service worker sends the old endpoint, which proves it is that
 * browser, and the new subscription, which then follows what the old one did.
 */
export async function renewPushSubscription(
  db: Db,
  oldEndpoint: string,
  subscription: BrowserSubscription,
  services: readonly string[],
): Promise<'renewed' | 'unknown' | 'unknownService'> {
  const previous = endpointKey(oldEndpoint);
  const endpoint = allowedEndpoint(subscription.endpoint, services);
  if (!endpoint) return 'unknownService';
  if (!previous) return 'unknown';
  return db.$transaction(async (tx) => {
    const old = await tx.pushSubscription.findUnique({ where: { endpoint: previous }, select: { id: true, locale: true } });
    if (!old) return 'unknown';
    if (previous === endpoint) {
      await tx.pushSubscription.update({ where: { id: old.id }, data: { p256dh: subscription.keys.p256dh, auth: subscription.keys.auth, failures: 0 } });
      return 'renewed';
    }
    const [fresh] = await tx.$queryRaw<Array<{ id: string }>>`
      INSERT INTO push_subscription (id, endpoint, p256dh, auth, locale)
      VALUES (${randomUUID()}::uuid, ${endpoint}, ${subscription.keys.p256dh}, ${subscription.keys.auth}, ${old.locale})
      ON CONFLICT (endpoint) DO UPDATE SET p256dh = EXCLUDED.p256dh, auth = EXCLUDED.auth, failures = 0
      RETURNING id::text`;
    await tx.$executeRaw`
      INSERT INTO push_follow (subscription_id, subject, municipality_istat, theme_id)
      SELECT ${fresh!.id}::uuid, subject, municipality_istat, theme_id FROM push_follow WHERE subscription_id = ${old.id}::uuid
      ON CONFLICT DO NOTHING`;
    await tx.pushSubscription.delete({ where: { id: old.id } });
    return 'renewed';
  });
}

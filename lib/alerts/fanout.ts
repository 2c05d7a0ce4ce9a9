import type { Db, Tx } from '../db/client';
import { publiclyVisible } from '../catalog/visibility';
import { enqueue } from '../jobs/queue';
import { localeOf, translator, type Locale } from '../i18n';
import { enqueueMails } from '../notifications/outbox';
import type { Prisma } from '../generated/prisma/client';
import { alertMail, messageLink, subscriptionLinks, weeklyMail, type AlertedMessage } from './mails';
import { subjectOfRow } from './subject';
import { subjectLabel } from './subscriptions';

/*
 * Telling subscribers of a new message. A publication's event starts a chain of
 * `alerts.fanout` jobs, one batch of subscriptions each (in id order, so memory
 * stays flat however many there are), every batch queuing the next in its own
 * transaction. An address is told of a message at most once, whatever it
 * follows (its comune, a theme, everything): a batch claims (subscription,
 * message) rows in alert_delivery only for addresses with no claim yet, and
 * writes one mail per address it claimed, so a job run twice, two workers or
 * overlapping subscriptions send nothing twice. Each batch first locks the
 * message's row and reads it: a withdrawal (or an election period that hides
 * the comune) that came first stops the chain; one that comes later deletes
 * the alerts not yet sent (`dropUnsentAlerts`).
 */

export const FANOUT_BATCH = 500;

const messageSelect = {
  id: true,
  title: true,
  description: true,
  municipalityIstat: true,
  municipality: { select: { name: true } },
  themes: { select: { themeId: true } },
} as const;

export type AlertableMessage = Prisma.VideoGetPayload<{ select: typeof messageSelect }>;

/** The message as citizens may see it now (published, its comune not hidden, not demo content), locked against a withdrawal; or null. */
export async function alertableMessage(tx: Tx, videoId: string): Promise<AlertableMessage | null> {
  await tx.$queryRaw`SELECT 1 FROM video WHERE id = ${videoId}::uuid FOR SHARE`;
  return tx.video.findFirst({ where: { id: videoId, isDemo: false, ...(await publiclyVisible(tx)) }, select: messageSelect });
}

/** The subject keys that hear of a message: everything, its comune, its themes. */
export function subjectsOf(message: { municipalityIstat: string; themes: Array<{ themeId: number }> }): string[] {
  return ['all', `comune:${message.municipalityIstat}`, ...message.themes.map((t) => `tema:${t.themeId}`)];
}

/**
 * Claims the message for those of `ids` whose address has not been told of it
 * yet (through any of its subscriptions), and returns one subscription per
 * address claimed. Rows deleted meanwhile (an unsubscription) are skipped.
 */
async function claim(tx: Tx, videoIds: readonly string[], ids: readonly string[]): Promise<Array<{ subscription_id: string; video_id: string }>> {
  if (!ids.length || !videoIds.length) return [];
  const rows = await tx.$queryRaw<Array<{ subscription_id: string; video_id: string; email: string }>>`
    INSERT INTO alert_delivery (subscription_id, video_id)
    SELECT s.id, v.id FROM alert_subscription s CROSS JOIN unnest(${videoIds}::uuid[]) AS v(id)
    WHERE s.id = ANY(${ids}::uuid[])
      AND NOT EXISTS (
        SELECT 1 FROM alert_subscription o JOIN alert_delivery d ON d.subscription_id = o.id AND d.video_id = v.id
        WHERE o.email = s.email)
    ON CONFLICT DO NOTHING
    RETURNING subscription_id::text, video_id::text, (SELECT email FROM alert_subscription WHERE id = subscription_id) AS email`;
  // Two subscriptions of one address in the same batch both passed the check above: one mail between them.
  const seen = new Set<string>();
  return rows.filter((row) => {
    const key = `${row.email} ${row.video_id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** What a subscription's subject is called in its language, asked once per batch. */
function labels(db: Db | Tx) {
  const known = new Map<string, string>();
  return async (row: { subject: string; municipalityIstat: string | null; themeId: number | null }, locale: Locale) => {
    const key = `${locale} ${row.subject}`;
    if (!known.has(key)) known.set(key, (await subjectLabel(db, subjectOfRow(row), locale)) ?? '');
    return known.get(key)!;
  };
}

const subscriberSelect = { id: true, email: true, token: true, locale: true, subject: true, municipalityIstat: true, themeId: true } as const;

/** One batch of a publication's alerts; returns whether more subscribers may follow (then the next batch is queued). */
export async function fanOutBatch(db: Db, publicUrl: string, job: { videoId: string; after?: string | undefined }): Promise<boolean> {
  return db.$transaction(
    async (tx) => {
      const message = await alertableMessage(tx, job.videoId);
      if (!message) return false;
      const batch = await tx.alertSubscription.findMany({
        where: { frequency: 'IMMEDIATE', subject: { in: subjectsOf(message) }, ...(job.after ? { id: { gt: job.after } } : {}) },
        orderBy: { id: 'asc' },
        take: FANOUT_BATCH,
        select: subscriberSelect,
      });
      if (!batch.length) return false;
      const claimed = new Set(
        (
          await claim(
            tx,
            [message.id],
            batch.map((s) => s.id),
          )
        ).map((row) => row.subscription_id),
      );
      const labelOf = labels(tx);
      const mails = [];
      for (const sub of batch.filter((s) => claimed.has(s.id))) {
        const locale = localeOf(sub.locale);
        mails.push({
          ...alertMail(
            sub.email,
            locale,
            { subject: await labelOf(sub, locale), site: translator(locale)('site.name') },
            { title: message.title, description: message.description, comune: message.municipality.name, url: messageLink(publicUrl, locale, message.id) },
            subscriptionLinks(publicUrl, locale, sub.token),
          ),
          alertSubscriptionId: sub.id,
          videoId: message.id,
        });
      }
      await enqueueMails(tx, 'alert', mails);
      const more = batch.length === FANOUT_BATCH;
      if (more) await enqueue(tx, 'alerts.fanout', { videoId: job.videoId, after: batch.at(-1)!.id });
      return more;
    },
    { timeout: 60_000 },
  );
}

/** A withdrawn message's alerts that have not left yet are not sent. */
export async function dropUnsentAlerts(db: Db, videoId: string): Promise<number> {
  const { count } = await db.mailOutbox.deleteMany({ where: { kind: 'alert', videoId, sentAt: null } });
  return count;
}

export const DIGEST_BATCH = 200;
/** The summary looks back two weeks, so that a run that starts late or is retried misses nothing; what was told is not told again. */
const DIGEST_LOOKBACK_MS = 14 * 24 * 3600_000;
const DIGEST_MAX_MESSAGES = 30;

/**
 * The weekly summaries (Monday morning): to each weekly subscription, the
 * messages published for its subject lately that its address has not been
 * told of; nothing when there are none. Claimed in alert_delivery like the
 * single alerts, so a summary run twice sends nothing twice.
 */
export async function sendWeeklyDigests(db: Db, publicUrl: string, now = new Date()): Promise<number> {
  let after: string | undefined;
  let sent = 0;
  const visible = await publiclyVisible(db, now);
  const labelOf = labels(db);
  for (;;) {
    const batch = await db.alertSubscription.findMany({
      where: { frequency: 'WEEKLY', ...(after ? { id: { gt: after } } : {}) },
      orderBy: { id: 'asc' },
      take: DIGEST_BATCH,
      select: { ...subscriberSelect, confirmedAt: true },
    });
    for (const sub of batch) {
      const locale = localeOf(sub.locale);
      if (await sendDigest(db, publicUrl, { ...sub, locale, label: await labelOf(sub, locale) }, visible, now)) sent++;
    }
    if (batch.length < DIGEST_BATCH) return sent;
    after = batch.at(-1)!.id;
  }
}

async function sendDigest(
  db: Db,
  publicUrl: string,
  sub: { id: string; email: string; token: string; locale: Locale; label: string; confirmedAt: Date; municipalityIstat: string | null; themeId: number | null },
  visible: Prisma.VideoWhereInput,
  now: Date,
): Promise<boolean> {
  const subject = subjectOfRow(sub);
  const since = new Date(Math.max(now.getTime() - DIGEST_LOOKBACK_MS, sub.confirmedAt.getTime()));
  const messages = await db.video.findMany({
    where: {
      ...visible,
      isDemo: false,
      publishedAt: { gt: since, lte: now },
      ...(subject.kind === 'municipality'
        ? { municipalityIstat: subject.istat }
        : subject.kind === 'theme'
          ? { themes: { some: { themeId: subject.themeId } } }
          : {}),
    },
    orderBy: { publishedAt: 'asc' },
    take: DIGEST_MAX_MESSAGES,
    select: { id: true, title: true, municipality: { select: { name: true } } },
  });
  if (!messages.length) return false;
  return db.$transaction(async (tx) => {
    const fresh = new Set(
      (
        await claim(
          tx,
          messages.map((m) => m.id),
          [sub.id],
        )
      ).map((row) => row.video_id),
    );
    const told: AlertedMessage[] = messages
      .filter((m) => fresh.has(m.id))
      .map((m) => ({ title: m.title, comune: m.municipality.name, url: messageLink(publicUrl, sub.locale, m.id) }));
    if (!told.length) return false;
    const site = translator(sub.locale)('site.name');
    await enqueueMails(tx, 'alert-digest', [
      {
        ...weeklyMail(sub.email, sub.locale, { subject: sub.label, site }, told, subscriptionLinks(publicUrl, sub.locale, sub.token)),
        alertSubscriptionId: sub.id,
      },
    ]);
    return true;
  });
}

/** Who was told of what (by e-mail or push) is kept a month: past the summaries' look-back, and no message is published twice. */
export async function purgeOldDeliveries(db: Db, now = new Date()): Promise<number> {
  const before = { at: { lt: new Date(now.getTime() - 30 * 24 * 3600_000) } };
  const mails = await db.alertDelivery.deleteMany({ where: before });
  const pushes = await db.pushDelivery.deleteMany({ where: before });
  return mails.count + pushes.count;
}

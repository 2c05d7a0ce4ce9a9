import type { Db } from '../db/client';
import { publiclyVisible } from '../catalog/visibility';
import { videoPath } from '../catalog/paths';
import { enqueue } from '../jobs/queue';
import { translator, type Locale } from '../i18n';
import { enqueueMails } from '../notifications/outbox';
import type { Prisma } from '../generated/prisma/client';
import { alertMail, subscriptionLinks, weeklyMail, type AlertedMessage } from './mails';
import { subjectLabel, subscriptionByToken } from './subscriptions';

/*
 * Telling subscribers of a new message. A publication's event starts a chain of
 * `alerts.fanout` jobs, one batch of subscribers each (in id order, so memory
 * stays flat however many there are), every batch queuing the next in its own
 * transaction. A subscriber is told of a message at most once: the batch
 * claims (subscription, message) rows in alert_delivery and writes mail only
 * for the rows it inserted, so a job run twice, two workers, or a message
 * published again after a withdrawal send nothing twice. Each batch first locks
 * the message's row and reads it: a withdrawal (or an election period that
 * hides the comune) that came first stops the chain.
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

type AlertableMessage = Prisma.VideoGetPayload<{ select: typeof messageSelect }>;

/** The message as citizens may see it now (published, its comune not hidden, not demo content), or null. */
async function alertableMessage(db: Db, videoId: string, tx: Prisma.TransactionClient): Promise<AlertableMessage | null> {
  await tx.$queryRaw`SELECT 1 FROM video WHERE id = ${videoId}::uuid FOR SHARE`;
  return tx.video.findFirst({ where: { id: videoId, isDemo: false, ...(await publiclyVisible(db)) }, select: messageSelect });
}

function matching(message: { municipalityIstat: string; themes: Array<{ themeId: number }> }): Prisma.AlertSubscriptionWhereInput {
  return { OR: [{ subject: 'all' }, { municipalityIstat: message.municipalityIstat }, { themeId: { in: message.themes.map((t) => t.themeId) } }] };
}

/** One batch of a publication's alerts; returns whether more subscribers may follow (then the next batch is queued). */
export async function fanOutBatch(db: Db, publicUrl: string, job: { videoId: string; after?: string | undefined }): Promise<boolean> {
  return db.$transaction(
    async (tx) => {
      const message = await alertableMessage(db, job.videoId, tx);
      if (!message) return false;
      const batch = await tx.alertSubscription.findMany({
        where: { frequency: 'IMMEDIATE', ...(job.after ? { id: { gt: job.after } } : {}), ...matching(message) },
        orderBy: { id: 'asc' },
        take: FANOUT_BATCH,
        select: { id: true, email: true, token: true, locale: true, subject: true, municipalityIstat: true, themeId: true },
      });
      if (!batch.length) return false;
      const claimed = await tx.$queryRaw<Array<{ subscription_id: string }>>`
        INSERT INTO alert_delivery (subscription_id, video_id)
        SELECT unnest(${batch.map((s) => s.id)}::uuid[]), ${message.id}::uuid
        ON CONFLICT DO NOTHING
        RETURNING subscription_id::text`;
      const fresh = new Set(claimed.map((row) => row.subscription_id));
      const labels = new Map<string, string>();
      const mails = [];
      for (const sub of batch.filter((s) => fresh.has(s.id))) {
        const locale: Locale = sub.locale === 'en' ? 'en' : 'it';
        const key = `${locale} ${sub.subject}`;
        if (!labels.has(key)) labels.set(key, (await labelOf(db, sub, locale)) ?? '');
        mails.push(
          alertMail(
            sub.email,
            locale,
            { subject: labels.get(key)!, site: translator(locale)('site.name') },
            { title: message.title, description: message.description, comune: message.municipality.name, url: `${publicUrl}${videoPath(message.id)}` },
            subscriptionLinks(publicUrl, sub.token),
          ),
        );
      }
      await enqueueMails(tx, 'alert', mails);
      const more = batch.length === FANOUT_BATCH;
      if (more) await enqueue(tx, 'alerts.fanout', { videoId: job.videoId, after: batch.at(-1)!.id });
      return more;
    },
    { timeout: 60_000 },
  );
}

function labelOf(db: Db, sub: { municipalityIstat: string | null; themeId: number | null }, locale: Locale) {
  return subjectLabel(
    db,
    sub.municipalityIstat
      ? { kind: 'municipality', istat: sub.municipalityIstat }
      : sub.themeId !== null
        ? { kind: 'theme', themeId: sub.themeId }
        : { kind: 'all' },
    locale,
  );
}

export const DIGEST_BATCH = 200;
const WEEK_MS = 7 * 24 * 3600_000;
const DIGEST_MAX_MESSAGES = 30;

/**
 * The weekly summaries (Monday morning): to each weekly subscription, the
 * messages published for its subject in the last week that it has not been
 * told of; nothing when there are none. Claimed in alert_delivery like the
 * single alerts, so a summary run twice sends nothing twice.
 */
export async function sendWeeklyDigests(db: Db, publicUrl: string, now = new Date()): Promise<number> {
  let after: string | undefined;
  let sent = 0;
  const visible = await publiclyVisible(db, now);
  for (;;) {
    const batch = await db.alertSubscription.findMany({
      where: { frequency: 'WEEKLY', ...(after ? { id: { gt: after } } : {}) },
      orderBy: { id: 'asc' },
      take: DIGEST_BATCH,
      select: { id: true, token: true, confirmedAt: true },
    });
    for (const sub of batch) if (await sendDigest(db, publicUrl, sub, visible, now)) sent++;
    if (batch.length < DIGEST_BATCH) return sent;
    after = batch.at(-1)!.id;
  }
}

async function sendDigest(
  db: Db,
  publicUrl: string,
  sub: { id: string; token: string; confirmedAt: Date },
  visible: Prisma.VideoWhereInput,
  now: Date,
): Promise<boolean> {
  const managed = await subscriptionByToken(db, sub.token);
  if (!managed) return false;
  const label = await subjectLabel(db, managed.subject, managed.locale);
  if (!label) return false;
  const since = new Date(Math.max(now.getTime() - WEEK_MS, sub.confirmedAt.getTime()));
  const subject = managed.subject;
  const messages = await db.video.findMany({
    where: {
      ...visible,
      isDemo: false,
      publishedAt: { gt: since, lte: now },
      alertDeliveries: { none: { subscriptionId: sub.id } },
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
    const claimed = await tx.$queryRaw<Array<{ video_id: string }>>`
      INSERT INTO alert_delivery (subscription_id, video_id)
      SELECT ${sub.id}::uuid, unnest(${messages.map((m) => m.id)}::uuid[])
      ON CONFLICT DO NOTHING
      RETURNING video_id::text`;
    const fresh = new Set(claimed.map((row) => row.video_id));
    const told: AlertedMessage[] = messages
      .filter((m) => fresh.has(m.id))
      .map((m) => ({ title: m.title, comune: m.municipality.name, url: `${publicUrl}${videoPath(m.id)}` }));
    if (!told.length) return false;
    const site = translator(managed.locale)('site.name');
    await enqueueMails(tx, 'alert-digest', [
      weeklyMail(managed.email, managed.locale, { subject: label, site }, told, subscriptionLinks(publicUrl, sub.token)),
    ]);
    return true;
  });
}

import pMap from 'p-map';
import type { Db } from '../db/client';
import { enqueue } from '../jobs/queue';
import { localeOf, translator, type Locale } from '../i18n';
import { processLog } from '../observability/log';
import { alertableMessage, subjectsOf, type AlertableMessage } from './fanout';
import { messageLink } from './mails';
import { sendPush, type PushOutcome, type PushSettings, type PushTarget } from './push-send';

/*
 * Push notifications of a new message, like its e-mail alerts: a chain of
 * `push.fanout` jobs walks the browsers that follow the message's comune, one
 * of its themes or everything (in id order, a batch at a time), claims the
 * message for each in push_delivery (one row per browser and message: a
 * browser following both the comune and a theme gets one push) and queues a
 * `push.send` job for the batch. Sending marks the rows as taken before the
 * requests go out, so a job run twice or by two workers sends nothing twice
 * (a worker that dies mid-batch loses those pushes rather than repeating
 * them). A withdrawal that came first stops the chain; one that comes later
 * deletes the pushes not yet taken.
 */

export const PUSH_BATCH = 500;
/** Requests under way at once per batch: push services answer in tens of milliseconds, and a batch should not wait on each in turn. */
const PUSH_CONCURRENCY = 32;
/** Tries in a row a browser's push service did not take: more than two messages' worth of retries (`push.send` tries 11 times). */
export const MAX_FAILURES = 25;

export async function pushFanOutBatch(db: Db, job: { videoId: string; after?: string | undefined }): Promise<boolean> {
  return db.$transaction(
    async (tx) => {
      const message = await alertableMessage(tx, job.videoId);
      if (!message) return false;
      const batch = await tx.$queryRaw<Array<{ id: string }>>`
        SELECT s.id::text FROM push_subscription s
        WHERE (${job.after ?? null}::uuid IS NULL OR s.id > ${job.after ?? null}::uuid)
          AND EXISTS (SELECT 1 FROM push_follow f WHERE f.subscription_id = s.id AND f.subject = ANY(${subjectsOf(message)}::text[]))
        ORDER BY s.id
        LIMIT ${PUSH_BATCH}`;
      if (!batch.length) return false;
      const ids = batch.map((row) => row.id);
      await tx.$executeRaw`
        INSERT INTO push_delivery (subscription_id, video_id)
        SELECT id, ${message.id}::uuid FROM unnest(${ids}::uuid[]) AS s(id)
        ON CONFLICT DO NOTHING`;
      await enqueue(tx, 'push.send', { videoId: message.id, first: ids[0]!, last: ids.at(-1)! });
      const more = batch.length === PUSH_BATCH;
      if (more) await enqueue(tx, 'push.fanout', { videoId: message.id, after: ids.at(-1)! });
      return more;
    },
    { timeout: 60_000 },
  );
}

/** What a browser shows: its service worker (public/sw.js) reads these fields. */
function pushPayload(message: Pick<AlertableMessage, 'id' | 'title'> & { comune: string }, locale: Locale, publicUrl: string): string {
  const t = translator(locale);
  return JSON.stringify({
    title: t('alerts.push.notificationTitle', { comune: message.comune }),
    body: message.title,
    url: messageLink(publicUrl, locale, message.id),
    tag: message.id,
    lang: locale,
  });
}

export type PushBatchResult = Record<PushOutcome, number>;

/**
 * Sends the pushes of one batch (subscriptions `first`..`last`) not yet taken.
 * Browsers their push service says are gone or can never be reached are
 * forgotten (push-send.ts says which answers); the pushes a service asked to
 * retry are put back and the job fails, to be retried later.
 */
export async function sendPushBatch(
  db: Db,
  publicUrl: string,
  settings: PushSettings,
  job: { videoId: string; first: string; last: string },
  send: (target: PushTarget, payload: string, settings: PushSettings) => Promise<PushOutcome> = sendPush,
): Promise<PushBatchResult> {
  const result: PushBatchResult = { sent: 0, gone: 0, refused: 0, retry: 0 };
  const range = { videoId: job.videoId, subscriptionId: { gte: job.first, lte: job.last }, sentAt: null };
  // Taken under the message's lock, as the fan-out claims: a withdrawal either comes first (nothing is taken) or after (what was taken goes out).
  const claimed = await db.$transaction(async (tx) => {
    const message = await alertableMessage(tx, job.videoId);
    if (!message) {
      await tx.pushDelivery.deleteMany({ where: range });
      return null;
    }
    const taken = await tx.$queryRaw<Array<PushTarget & { id: string; locale: string }>>`
      UPDATE push_delivery d SET sent_at = now()
      FROM push_subscription s
      WHERE d.subscription_id = s.id AND d.video_id = ${job.videoId}::uuid
        AND d.subscription_id BETWEEN ${job.first}::uuid AND ${job.last}::uuid AND d.sent_at IS NULL
      RETURNING s.id::text, s.endpoint, s.p256dh, s.auth, s.locale`;
    return { message, taken };
  });
  if (!claimed) return result;
  const { message, taken } = claimed;
  const payloads = new Map<string, string>();
  const payloadIn = (locale: Locale) => {
    if (!payloads.has(locale))
      payloads.set(locale, pushPayload({ id: message.id, title: message.title, comune: message.municipality.name }, locale, publicUrl));
    return payloads.get(locale)!;
  };
  const outcomes = await pMap(taken, (target) => send(target, payloadIn(localeOf(target.locale)), settings), { concurrency: PUSH_CONCURRENCY });
  const idsWith = (outcome: PushOutcome) => taken.filter((_, i) => outcomes[i] === outcome).map((t) => t.id);
  for (const outcome of outcomes) result[outcome]++;
  if (result.sent) await db.pushSubscription.updateMany({ where: { id: { in: idsWith('sent') }, failures: { gt: 0 } }, data: { failures: 0 } });
  if (result.gone) await db.pushSubscription.deleteMany({ where: { id: { in: idsWith('gone') } } });
  if (result.refused) processLog('worker').warn({ videoId: job.videoId, refused: result.refused }, 'push services refused some notifications');
  if (result.retry) {
    const again = idsWith('retry');
    await db.pushDelivery.updateMany({ where: { videoId: job.videoId, subscriptionId: { in: again } }, data: { sentAt: null } });
    await db.pushSubscription.updateMany({ where: { id: { in: again } }, data: { failures: { increment: 1 } } });
    // A browser whose service has not taken a push for this long (no answer, a name that no longer resolves) is gone.
    await db.pushSubscription.deleteMany({ where: { id: { in: again }, failures: { gte: MAX_FAILURES } } });
    throw new Error(`${result.retry} of ${taken.length} push notifications to retry`);
  }
  return result;
}

/** A withdrawn message's pushes not yet taken are not sent. */
export async function dropUnsentPushes(db: Db, videoId: string): Promise<number> {
  const { count } = await db.pushDelivery.deleteMany({ where: { videoId, sentAt: null } });
  return count;
}

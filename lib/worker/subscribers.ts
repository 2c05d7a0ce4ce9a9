import type { Db } from '../db/client';
import type { EditorialEvent } from '../editorial/transitions';
import type { EditorialStatus } from '../generated/prisma/enums';
import type { SubscriberName } from '../events/routes';
import { config } from '../config';
import { accessibilityReportMail, callMail } from '../mail/templates';
import { notifyEditorialChange } from '../notifications/editorial';
import { enqueueMail, enqueueMails } from '../notifications/outbox';
import { followEditorialStatus, followMetadataChange } from '../youtube/sync-apply';
import { queueRenditions } from '../renditions/make';
import { enqueue } from '../jobs/queue';
import { dropUnsentPushes } from '../alerts/push-fanout';
import { dropUnsentAlerts } from '../alerts/fanout';
import { mailDay } from '../calls';

/*
 * What each subscriber of lib/events/routes.ts does with an event it hears,
 * in a worker. A subscriber may run more than once for one event (a worker
 * that dies after its work and before the queue hears of it): each is written
 * to do its work once however often it runs.
 */

export interface StoredEvent {
  id: bigint;
  type: string;
  aggregateId: string;
  payload: unknown;
}

type Subscriber = (db: Db, event: StoredEvent) => Promise<void>;

interface EditorialPayload {
  event: EditorialEvent;
  to: EditorialStatus;
  actorId: string | null;
  reason: string | null;
}

export const SUBSCRIBER_HANDLERS: Record<SubscriberName, Subscriber> = {
  'mail-notices': async (db, event) => {
    const { event: step, to, actorId, reason } = event.payload as EditorialPayload;
    await db.$transaction((tx) => notifyEditorialChange(tx, { eventId: event.id, videoId: event.aggregateId, event: step, to, actorId, reason }));
  },
  'mail-accessibility': async (db, event) => {
    const report = await db.accessibilityReport.findUnique({
      where: { id: event.aggregateId },
      select: { name: true, email: true, pageUrl: true, description: true },
    });
    // Deleted meanwhile (two years after its answer): nothing left to tell.
    if (!report) return;
    const { institution, publicUrl } = config();
    await enqueueMail(db, 'accessibility-report', accessibilityReportMail(institution.accessibilityEmail, report, `${publicUrl}/staff/segnalazioni`), event.id);
  },
  'mail-calls': async (db, event) => {
    const call = await db.call.findUnique({
      where: { id: Number(event.aggregateId) },
      select: { title: true, brief: true, deadline: true, targets: { select: { municipalityIstat: true } } },
    });
    if (!call) return;
    const mayors = await db.user.findMany({
      where: { role: 'MAYOR', disabledAt: null, municipalityIstat: { in: call.targets.map((t) => t.municipalityIstat) } },
      select: { email: true },
    });
    const { institution, publicUrl } = config();
    const params = { title: call.title, deadline: mailDay(call.deadline), institution: institution.name };
    await enqueueMails(
      db,
      'call',
      mayors.map((m) => callMail(m.email, params, call.brief, `${publicUrl}/sindaco`)),
      event.id,
    );
  },
  alerts: async (db, event) => {
    if (event.type === 'message.withdrawn') await dropUnsentAlerts(db, event.aggregateId);
    else await enqueue(db, 'alerts.fanout', { videoId: event.aggregateId });
  },
  push: async (db, event) => {
    if (event.type === 'message.withdrawn') await dropUnsentPushes(db, event.aggregateId);
    // Without VAPID keys no browser could subscribe: nothing to tell.
    else if (config().push.vapid) await enqueue(db, 'push.fanout', { videoId: event.aggregateId });
  },
  renditions: async (db, event) => {
    // media.inspected is about the file; a message's event names the message, whose file it is.
    const mediaId =
      event.type === 'media.inspected'
        ? event.aggregateId
        : (await db.video.findUnique({ where: { id: event.aggregateId }, select: { mediaId: true } }))?.mediaId;
    if (mediaId) await queueRenditions(db, mediaId);
  },
  youtube: async (db, event) => {
    await db.$transaction((tx) =>
      event.type === 'message.edited' ? followMetadataChange(tx, event.aggregateId) : followEditorialStatus(tx, event.aggregateId),
    );
  },
};

export async function deliverEvent(db: Db, subscriber: SubscriberName, eventId: bigint): Promise<void> {
  const event = await db.domainEvent.findUnique({ where: { id: eventId }, select: { id: true, type: true, aggregateId: true, payload: true } });
  // An event is written with its jobs, in one transaction: a job without its event is a bug, and retrying will not mend it.
  if (!event) throw new Error(`domain event ${eventId} does not exist`);
  await SUBSCRIBER_HANDLERS[subscriber](db, event);
}

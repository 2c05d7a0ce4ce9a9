import { fanOutBatch, purgeOldDeliveries, sendWeeklyDigests } from '../alerts/fanout';
import { pushFanOutBatch, sendPushBatch } from '../alerts/push-fanout';
import { sendDueReminders } from '../calls/reminders';
import { config } from '../config';
import { dueEdition, sendBriefings } from '../coordination/briefing';
import { purgeRateLimits } from '../auth/rate-limit';
import { purgeAnsweredReports } from '../feedback/accessibility-reports';
import type { Db } from '../db/client';
import type { SubscriberName } from '../events/routes';
import type { JobHandlers } from '../jobs/worker';
import type { SendMail } from '../mail/send';
import { enqueueDailyDigests } from '../notifications/editorial';
import { deliverMail, purgeUndeliveredCitizenMail } from '../notifications/outbox';
import { cleanupExpiredUploads } from '../uploads/cleanup';
import { checkMedia } from '../uploads/media-check';
import { syncRenditions } from '../renditions/make';
import type { MediaStore } from '../uploads/media-store';
import type { UploadSettings } from '../uploads/settings';
import { processLog } from '../observability/log';
import { deliverEvent } from './subscribers';
import { runYoutubeRefresh, runYoutubeSync, type YoutubeJobSettings } from './youtube-jobs';

/*
 * Every kind of job and the code that does it: the one registry a worker
 * process runs (lib/jobs/kinds.ts lists the kinds; the type below makes a
 * missing handler a compile error).
 */

export interface WorkerDependencies {
  db: Db;
  publicUrl: string;
  /** Null when no mail server is configured: mail jobs fail and wait for one (staff see them). */
  sendMail: SendMail | null;
  store: MediaStore;
  uploads: Pick<UploadSettings, 'limits' | 'expiryMs' | 'scratchDirectory'>;
  youtube: Omit<YoutubeJobSettings, 'db'>;
  /** How long after one refresh of the YouTube counts the next runs. */
  refreshEveryMs: number;
}

export function jobHandlers(deps: WorkerDependencies): JobHandlers {
  const { db } = deps;
  const log = processLog('worker');
  const youtube = { ...deps.youtube, db };
  const deliver = async ({ outboxId }: { outboxId: string }) => {
    if (!deps.sendMail) throw new Error('no mail server configured (VC_SMTP_URL)');
    await deliverMail(db, deps.sendMail, BigInt(outboxId));
  };
  return {
    'alerts.fanout': async ({ videoId, after }) => {
      await fanOutBatch(db, deps.publicUrl, { videoId, after });
    },
    'alerts.digest': async () => {
      const sent = await sendWeeklyDigests(db, deps.publicUrl);
      log.info({ sent }, 'weekly alert summaries queued');
    },
    'push.fanout': async ({ videoId, after }) => {
      await pushFanOutBatch(db, { videoId, after });
    },
    'push.send': async (job) => {
      const { vapid, services } = config().push;
      if (!vapid) throw new Error('no VAPID keys configured (VC_VAPID_PUBLIC_KEY, VC_VAPID_PRIVATE_KEY)');
      const result = await sendPushBatch(db, deps.publicUrl, { vapid, services }, job);
      log.info({ videoId: job.videoId, ...result }, 'push notifications sent');
    },
    'calls.reminders': async () => {
      const done = await sendDueReminders(db);
      if (done.reminded || done.summaries) log.info(done, 'call reminders and summaries queued');
    },
    'briefing.send': async ({ edition }) => {
      const { briefingDay, briefingHour } = config().coordination;
      const due = edition ?? dueEdition(new Date(), briefingDay, briefingHour);
      if (!due) return;
      const sent = await sendBriefings(db, due);
      if (sent) log.info({ edition: due, sent }, 'weekly briefings queued');
    },
    'event.deliver': async ({ subscriber, eventId }) => deliverEvent(db, subscriber as SubscriberName, BigInt(eventId)),
    'mail.deliver': deliver,
    'alerts.deliver': deliver,
    'mail.digests': async () => {
      await enqueueDailyDigests(db, deps.publicUrl);
    },
    'media.check': async ({ mediaId }) => checkMedia(db, deps.store, deps.uploads, mediaId),
    'media.renditions': async ({ mediaId }) => syncRenditions(db, deps.store, deps.uploads, mediaId),
    'uploads.cleanup': async () => {
      await cleanupExpiredUploads(db, deps.store, deps.uploads.expiryMs);
      await purgeRateLimits(db);
      await purgeAnsweredReports(db);
      await purgeUndeliveredCitizenMail(db);
      await purgeOldDeliveries(db);
    },
    'youtube.sync': async ({ videoId }) => {
      const wait = await runYoutubeSync(youtube, videoId);
      // Without a wait the step is done; a reason it waits goes with the job, for staff to read.
      return wait && { at: wait.at, payload: { videoId, waitingFor: wait.waitingFor } };
    },
    'youtube.refresh': async () => {
      // The next refresh is queued whatever this one met: a chain that ended on an error would never refresh again.
      try {
        await runYoutubeRefresh(youtube);
      } catch (error) {
        log.warn({ err: error }, 'YouTube refresh failed; the next one comes at its time');
      }
      return { at: new Date(Date.now() + deps.refreshEveryMs) };
    },
  };
}

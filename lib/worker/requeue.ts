import type { Db } from '../db/client';
import { enqueue, enqueueMany, JOB_SCHEMA } from '../jobs/queue';
import { WORK_STATES } from '../youtube/sync-transitions';
import { deliveryJob } from '../notifications/outbox';
import { queueRenditions } from '../renditions/make';

/**
 * Work whose job is gone, queued again when a worker starts: what an
 * installation made before the job queue left behind, and work whose job gave
 * up after all its retries (a mail server down for days, say) gets another
 * round after a restart. Files still being checked and YouTube syncs with work
 * to do have one job per key anyway (a second is not added); a mail only when
 * no job for it waits or runs. One worker at a time does this.
 */
export async function requeueUnfinishedWork(db: Db): Promise<{ media: number; renditions: number; syncs: number; mails: number }> {
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('vocicomuni:requeue'))`;
      const checking = await tx.mediaFile.findMany({ where: { status: 'CHECKING' }, select: { id: true } });
      for (const { id } of checking) await enqueue(tx, 'media.check', { mediaId: id });
      // Published messages whose file lacks a rendition (uploaded before renditions existed, or given up on),
      // and withdrawn ones that kept theirs.
      const renditions = await tx.$queryRaw<Array<{ id: string }>>`
        SELECT m.id FROM media_file m JOIN video v ON v.media_id = m.id
        WHERE (m.status = 'READY' AND v.status = 'PUBLISHED'
               AND (NOT EXISTS (SELECT 1 FROM media_rendition r WHERE r.media_id = m.id AND r.kind = 'LIGHT')
                    OR NOT EXISTS (SELECT 1 FROM media_rendition r WHERE r.media_id = m.id AND r.kind = 'SHARE')
                    OR (m.audio_codec IS NOT NULL AND NOT EXISTS (SELECT 1 FROM media_rendition r WHERE r.media_id = m.id AND r.kind = 'AUDIO'))))
           OR (v.status = 'WITHDRAWN' AND EXISTS (SELECT 1 FROM media_rendition r WHERE r.media_id = m.id))`;
      for (const { id } of renditions) await queueRenditions(tx, id);
      const syncs = await tx.youtubeSync.findMany({ where: { state: { in: [...WORK_STATES] } }, select: { videoId: true } });
      for (const { videoId } of syncs) await enqueue(tx, 'youtube.sync', { videoId });
      const mails = await tx.$queryRawUnsafe<Array<{ id: bigint; kind: string }>>(
        `SELECT m.id, m.kind FROM mail_outbox m WHERE m.sent_at IS NULL AND NOT EXISTS (
           SELECT 1 FROM ${JOB_SCHEMA}.job j
           WHERE j.name IN ('mail.deliver', 'alerts.deliver') AND j.data->>'outboxId' = m.id::text AND j.state IN ('created', 'retry', 'active'))`,
      );
      for (const queue of ['mail.deliver', 'alerts.deliver'] as const) {
        const waiting = mails.filter((m) => deliveryJob(m.kind) === queue);
        await enqueueMany(
          tx,
          queue,
          waiting.map((m) => ({ outboxId: m.id.toString() })),
        );
      }
      return { media: checking.length, renditions: renditions.length, syncs: syncs.length, mails: mails.length };
    },
    { timeout: 60_000 },
  );
}

import type { Db, Tx } from '../db/client';
import type { Prisma } from '../generated/prisma/client';
import { enqueue, failingJobs } from '../jobs/queue';
import { recordEvent } from '../events/record';
import type { MediaStore } from './media-store';
import { inspectedColumns, inspectVideo, makePoster } from './probe';
import type { UploadSettings } from './settings';

/*
 * The inspection of a finished upload, after the browser has had its answer:
 * the last byte is acknowledged at once (a 2 GB file takes ffprobe a while to
 * read), the file waits in CHECKING, and the form asks /api/media/<id> until it
 * is READY or REJECTED. The work is a `media.check` job, done by a worker: one
 * that dies mid-inspection stops sending heartbeats and another takes it; one
 * that fails for a reason of the machine is retried with backoff.
 */

/** Marks a finished upload as waiting for its inspection, in the caller's transaction. */
export async function queueMediaCheck(tx: Tx, id: string): Promise<void> {
  await tx.mediaFile.updateMany({ where: { id, status: 'UPLOADING' }, data: { status: 'CHECKING' } });
  await enqueue(tx, 'media.check', { mediaId: id });
}

/** Inspects one file in CHECKING: READY with what was learnt, or REJECTED with the reason and the bytes deleted. */
export async function checkMedia(db: Db, store: MediaStore, settings: Pick<UploadSettings, 'limits'>, id: string): Promise<void> {
  const media = await db.mediaFile.findUnique({ where: { id }, select: { status: true, municipalityIstat: true } });
  if (media?.status !== 'CHECKING') return;
  const decided = async (data: Prisma.MediaFileUpdateManyMutationInput) =>
    db.$transaction(async (tx) => {
      const changed = await tx.mediaFile.updateMany({ where: { id, status: 'CHECKING' }, data: { ...data, finishedAt: new Date() } });
      if (changed.count) {
        await recordEvent(tx, {
          type: 'media.inspected',
          aggregateId: id,
          municipalityIstat: media.municipalityIstat,
          payload: { verdict: data.status as string },
        });
      }
    });
  const result =
    (await store.size(id)) === null
      ? ({ ok: false, reason: 'damaged' } as const)
      : await store.withLocalFile(id, (file) =>
          inspectVideo(file, settings.limits, async (info, bounds) => store.savePoster(id, await makePoster(file, info.durationMs, bounds))),
        );
  if (!result.ok) {
    await store.remove(id);
    await decided({ status: 'REJECTED', rejectReason: result.reason });
    return;
  }
  await decided({ status: 'READY', ...inspectedColumns(result.info) });
}

/** Inspections that failed for a reason of the machine (ffprobe missing, storage unreachable) and wait to be tried again: staff see them. */
export async function failingMediaChecks(db: Db, take = 50) {
  const jobs = await failingJobs('media.check', take);
  const files = await db.mediaFile.findMany({
    where: { id: { in: jobs.map((j) => j.payload.mediaId) }, status: 'CHECKING' },
    select: { id: true, originalName: true, createdAt: true, municipality: { select: { name: true } } },
  });
  const byId = new Map(files.map((f) => [f.id, f]));
  return jobs.flatMap((job) => {
    const file = byId.get(job.payload.mediaId);
    return file
      ? [
          {
            mediaId: file.id,
            comune: file.municipality.name,
            name: file.originalName,
            uploadedAt: file.createdAt,
            attempts: job.attempts,
            lastError: job.lastError,
          },
        ]
      : [];
  });
}

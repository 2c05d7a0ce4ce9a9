import type { Db, Tx } from '../db/client';
import { backoffMs, claimJob, completeJob, deferJob, enqueueJob, workerId } from '../jobs/queue';
import type { MediaStore } from './media-store';
import { inspectVideo, makePoster } from './probe';
import type { UploadSettings } from './settings';

/*
 * The inspection of a finished upload, after the browser has had its answer:
 * the last byte is acknowledged at once (a 2 GB file takes ffprobe a while to
 * read), the file waits in CHECKING, and the form asks /api/media/<id> until it
 * is READY or REJECTED. The work is a job in the PostgreSQL queue, claimed by
 * the web process that holds the uploads: a process that dies mid-inspection
 * leaves it to the next one when the lease ends.
 */

export const MEDIA_CHECK_JOB = 'media.check';
const LEASE_MS = 15 * 60_000;

/** Marks a finished upload as waiting for its inspection, in the caller's transaction. */
export async function queueMediaCheck(tx: Tx, id: string): Promise<void> {
  await tx.mediaFile.updateMany({ where: { id, status: 'UPLOADING' }, data: { status: 'CHECKING' } });
  await enqueueJob(tx, MEDIA_CHECK_JOB, id);
}

/** Inspects one file in CHECKING: READY with what was learnt, or REJECTED with the reason and the bytes deleted. */
export async function checkMedia(db: Db, store: MediaStore, settings: Pick<UploadSettings, 'limits'>, id: string): Promise<void> {
  const media = await db.mediaFile.findUnique({ where: { id }, select: { status: true } });
  if (media?.status !== 'CHECKING') return;
  const result =
    (await store.size(id)) === null
      ? ({ ok: false, reason: 'damaged' } as const)
      : await store.withLocalFile(id, (file) =>
          inspectVideo(file, settings.limits, async (info, bounds) => store.savePoster(id, await makePoster(file, info.durationMs, bounds))),
        );
  if (!result.ok) {
    await store.remove(id);
    await db.mediaFile.updateMany({ where: { id, status: 'CHECKING' }, data: { status: 'REJECTED', rejectReason: result.reason, finishedAt: new Date() } });
    return;
  }
  const { info } = result;
  await db.mediaFile.updateMany({
    where: { id, status: 'CHECKING' },
    data: {
      status: 'READY',
      container: info.container,
      videoCodec: info.videoCodec,
      audioCodec: info.audioCodec,
      width: info.width,
      height: info.height,
      durationMs: info.durationMs,
      sha256: info.sha256,
      finishedAt: new Date(),
    },
  });
}

/** Inspections that failed for a reason of the machine (ffprobe missing, storage unreachable) and wait to be tried again: staff see them. */
export async function failingMediaChecks(db: Db, take = 50) {
  const jobs = await db.job.findMany({
    where: { kind: MEDIA_CHECK_JOB, lastError: { not: null } },
    orderBy: { createdAt: 'asc' },
    take,
    select: { key: true, attempts: true, lastError: true },
  });
  const files = await db.mediaFile.findMany({
    where: { id: { in: jobs.map((j) => j.key) } },
    select: { id: true, originalName: true, createdAt: true, municipality: { select: { name: true } } },
  });
  const byId = new Map(files.map((f) => [f.id, f]));
  return jobs.flatMap((job) => {
    const file = byId.get(job.key);
    return file
      ? [
          {
            mediaId: file.id,
            comune: file.municipality.name,
            name: file.originalName,
            uploadedAt: file.createdAt,
            attempts: job.attempts,
            lastError: job.lastError!,
          },
        ]
      : [];
  });
}

export interface MediaChecker {
  /** Looks for work now instead of at the next poll. */
  wake(): void;
  /** Stops after the inspection under way, if any. */
  close(): Promise<void>;
}

/** One inspection at a time per process: ffprobe and ffmpeg are heavy for a small server. */
export function startMediaChecker(db: Db, store: MediaStore, settings: Pick<UploadSettings, 'limits'>, idleMs = 5_000): MediaChecker {
  const worker = `${workerId()}:media`;
  let closed = false;
  let wakeUp: (() => void) | null = null;
  let woken = false;

  function nap(): Promise<void> {
    if (woken || closed) {
      woken = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = setTimeout(done, idleMs);
      function done() {
        clearTimeout(timer);
        wakeUp = null;
        resolve();
      }
      wakeUp = done;
    });
  }

  async function loop(): Promise<void> {
    while (!closed) {
      const job = await claimJob(db, worker, [MEDIA_CHECK_JOB], LEASE_MS).catch((error: unknown) => {
        console.error('media check: could not claim a job:', error);
        return null;
      });
      if (!job) {
        await nap();
        continue;
      }
      try {
        await checkMedia(db, store, settings, job.key);
        await completeJob(db, job);
      } catch (error) {
        // ffprobe missing, storage or database unreachable: the file is fine, the machine is not. Try again later.
        console.error(`media check of ${job.key} failed:`, error);
        await deferJob(db, job, new Date(Date.now() + backoffMs(job.attempts)), 'backoff', String(error)).catch(() => {});
      }
    }
  }

  const running = loop();
  return {
    wake() {
      if (wakeUp) wakeUp();
      else woken = true;
    },
    async close() {
      closed = true;
      wakeUp?.();
      await running;
    },
  };
}

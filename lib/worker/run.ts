import type { Db } from '../db/client';
import { backoffMs, claimJob, completeJob, deferJob, enqueueJob, extendLease, type ClaimedJob } from '../jobs/queue';
import { classifyError, YoutubeError, type YoutubeTarget } from '../youtube/api';
import { channelApi, CHANNEL_WAIT, disconnectChannel, forgetChannelApi } from '../youtube/channel';
import { refreshLiveVideos } from '../youtube/refresh';
import { applySyncEvent, SYNC_JOB } from '../youtube/sync-apply';
import { nextSyncState } from '../youtube/sync-transitions';
import { runSyncStep, type SyncSettings } from '../youtube/sync-steps';

/*
 * The worker process's loop: claim a due job, run it, and decide from the
 * outcome what happens next — done, wait (processing, quota reset, channel
 * reconnection) or back off after a network error. Several workers can run
 * at once; a worker that dies leaves its job to the next when the lease ends.
 */

export const REFRESH_JOB = 'youtube.refresh';
const KINDS = [SYNC_JOB, REFRESH_JOB];
const DAY_MS = 86_400_000;

export interface WorkerOptions {
  db: Db;
  target: YoutubeTarget | null;
  settings: SyncSettings;
  id: string;
  leaseMs?: number;
  idleMs?: number;
  refreshEveryMs?: number;
  /** Called after each confirmed chunk of an upload (tests use it to kill the worker mid-upload). */
  onUploadProgress?: (videoId: string, bytes: number) => Promise<void> | void;
  signal?: AbortSignal;
}

async function failSync(db: Db, videoId: string, reason: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const sync = await tx.youtubeSync.findUnique({ where: { videoId }, select: { state: true } });
    if (sync && nextSyncState(sync.state, 'fail')) await applySyncEvent(tx, videoId, 'fail', { patch: { lastError: reason }, detail: reason });
  });
}

async function runJob(options: Required<Pick<WorkerOptions, 'db' | 'leaseMs' | 'refreshEveryMs'>> & WorkerOptions, job: ClaimedJob): Promise<void> {
  const { db } = options;
  const channel = await channelApi(db, options.target);
  if (!channel) return deferJob(db, job, new Date(Date.now() + DAY_MS), CHANNEL_WAIT, 'no connected YouTube channel', true);
  try {
    if (job.kind === REFRESH_JOB) {
      await refreshLiveVideos(db, channel.api);
      return deferJob(db, job, new Date(Date.now() + options.refreshEveryMs), null, null, true);
    }
    const outcome = await runSyncStep(db, channel.api, channel.uploadsPlaylist, job.key, options.settings, async (bytes) => {
      await extendLease(db, job, options.id, options.leaseMs);
      await options.onUploadProgress?.(job.key, bytes);
    });
    if (outcome.kind === 'done') return completeJob(db, job);
    return deferJob(db, job, outcome.at, outcome.waitingFor, null, true);
  } catch (caught) {
    const error =
      caught instanceof YoutubeError
        ? caught
        : (caught as NodeJS.ErrnoException)?.code === 'ENOENT'
          ? new YoutubeError('permanent', 'fileMissing', 'the video file is missing from storage')
          : classifyError(caught);
    const note = `${error.reason}: ${error.message}`;
    if (job.kind === SYNC_JOB) await db.youtubeSync.updateMany({ where: { videoId: job.key }, data: { lastError: note.slice(0, 1000) } });
    switch (error.kind) {
      case 'quota':
        return deferJob(db, job, error.resetAt ?? new Date(Date.now() + DAY_MS), 'quota', note, true);
      case 'auth':
        if (!channel.fresh && error.reason === 'authError') {
          // A kept access token was refused: try once more with a new client before calling the channel lost.
          forgetChannelApi();
          return deferJob(db, job, new Date(), null, note);
        }
        await disconnectChannel(db, null, note);
        return deferJob(db, job, new Date(Date.now() + DAY_MS), CHANNEL_WAIT, note, true);
      case 'transient':
      case 'rateLimit':
        return deferJob(db, job, new Date(Date.now() + backoffMs(job.attempts)), 'backoff', note);
      default:
        if (job.kind === SYNC_JOB) {
          await failSync(db, job.key, note);
          return completeJob(db, job);
        }
        return deferJob(db, job, new Date(Date.now() + backoffMs(job.attempts)), 'backoff', note);
    }
  }
}

export async function runWorker(options: WorkerOptions): Promise<void> {
  const full = { leaseMs: 5 * 60_000, idleMs: 1000, refreshEveryMs: 60 * 60_000, ...options };
  await enqueueJob(full.db, REFRESH_JOB, 'all');
  while (!options.signal?.aborted) {
    const job = await claimJob(full.db, full.id, KINDS, full.leaseMs);
    if (!job) {
      await new Promise((resolve) => setTimeout(resolve, full.idleMs));
      continue;
    }
    try {
      await runJob(full, job);
    } catch (error) {
      // The database itself failed under the job: its lease runs out and it is tried again.
      console.error(`job ${job.kind} ${job.key} failed:`, error);
      await new Promise((resolve) => setTimeout(resolve, full.idleMs));
    }
  }
}

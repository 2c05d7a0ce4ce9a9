import type { Db } from '../db/client';
import type { SyncWait } from '../jobs/kinds';
import { classifyError, YoutubeError, type YoutubeTarget } from '../youtube/api';
import { channelApi, disconnectChannel, forgetChannelApi } from '../youtube/channel';
import { refreshLiveVideos } from '../youtube/refresh';
import { applySyncEvent } from '../youtube/sync-apply';
import { nextSyncState } from '../youtube/sync-transitions';
import { runSyncStep, type SyncSettings } from '../youtube/sync-steps';

/*
 * The YouTube jobs: one step of a message's sync, and the hourly refresh.
 * What happens next is decided from the outcome: done; wait (processing,
 * quota reset, channel reconnection) without counting a failure; or throw, and
 * the queue retries with backoff (network errors, rate limits). A permanent
 * error moves the sync to FAILED, for staff to retry.
 */

const DAY_MS = 86_400_000;

/** Until when a sync step waits, and why (not a failure: processing, the quota day, the channel). */
export interface SyncWaitUntil {
  at: Date;
  waitingFor: SyncWait;
}

export interface YoutubeJobSettings {
  db: Db;
  target: YoutubeTarget | null;
  settings: SyncSettings;
  /** Called after each confirmed chunk of an upload (tests use it). */
  onUploadProgress?: (videoId: string, bytes: number) => Promise<void> | void;
}

async function failSync(db: Db, videoId: string, reason: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const sync = await tx.youtubeSync.findUnique({ where: { videoId }, select: { state: true } });
    if (sync && nextSyncState(sync.state, 'fail')) await applySyncEvent(tx, videoId, 'fail', { patch: { lastError: reason }, detail: reason });
  });
}

function asYoutubeError(caught: unknown): YoutubeError {
  if (caught instanceof YoutubeError) return caught;
  if ((caught as NodeJS.ErrnoException)?.code === 'ENOENT') return new YoutubeError('permanent', 'fileMissing', 'the video file is missing from storage');
  return classifyError(caught);
}

/** What an error means for the job: wait without counting a failure, or throw for the queue's backoff. */
async function afterError(options: YoutubeJobSettings, error: YoutubeError, fresh: boolean): Promise<SyncWaitUntil> {
  const note = `${error.reason}: ${error.message}`;
  switch (error.kind) {
    case 'quota':
      return { at: error.resetAt ?? new Date(Date.now() + DAY_MS), waitingFor: 'quota' };
    case 'auth':
      if (!fresh && error.reason === 'authError') {
        // A kept access token was refused: try once more with a new client before calling the channel lost.
        forgetChannelApi();
        return { at: new Date(), waitingFor: 'backoff' };
      }
      await disconnectChannel(options.db, null, note);
      return { at: new Date(Date.now() + DAY_MS), waitingFor: 'channel' };
    default:
      // Network errors and rate limits: the queue tries again with backoff; staff read the reason.
      throw new Error(note, { cause: error });
  }
}

export async function runYoutubeSync(options: YoutubeJobSettings, videoId: string): Promise<SyncWaitUntil | void> {
  const { db } = options;
  const channel = await channelApi(db, options.target);
  if (!channel) return { at: new Date(Date.now() + DAY_MS), waitingFor: 'channel' };
  try {
    const outcome = await runSyncStep(db, channel.api, channel.uploadsPlaylist, videoId, options.settings, async (bytes) => {
      await options.onUploadProgress?.(videoId, bytes);
    });
    if (outcome.kind === 'wait') return { at: outcome.at, waitingFor: 'processing' };
  } catch (caught) {
    const error = asYoutubeError(caught);
    const note = `${error.reason}: ${error.message}`;
    await db.youtubeSync.updateMany({ where: { videoId }, data: { lastError: note.slice(0, 1000) } });
    if (error.kind === 'permanent' || error.kind === 'notFound') return failSync(db, videoId, note);
    return afterError(options, error, channel.fresh);
  }
}

export async function runYoutubeRefresh(options: YoutubeJobSettings): Promise<void> {
  const channel = await channelApi(options.db, options.target);
  if (!channel) return;
  try {
    await refreshLiveVideos(options.db, channel.api);
  } catch (caught) {
    const error = asYoutubeError(caught);
    // The next hour's refresh comes anyway: only a lost channel is worth acting on.
    if (error.kind === 'auth') await afterError(options, error, channel.fresh);
    else throw error;
  }
}

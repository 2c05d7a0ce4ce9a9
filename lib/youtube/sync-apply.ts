import { recordAudit } from '../audit';
import { requireCapability } from '../auth/permissions';
import type { SignedInUser } from '../auth/session';
import type { Db, Tx } from '../db/client';
import type { EditorialStatus, SyncState } from '../generated/prisma/enums';
import type { Prisma } from '../generated/prisma/client';
import { enqueue, runNow } from '../jobs/queue';
import { recordEvent } from '../events/record';
import { youtubeTarget } from './api';
import { nextSyncState, WORK_STATES, type SyncEvent } from './sync-transitions';

export class SyncTransitionError extends Error {
  constructor(
    readonly code: 'not_found' | 'not_allowed' | 'conflict',
    message: string,
  ) {
    super(message);
    this.name = 'SyncTransitionError';
  }
}

/**
 * The one way a message's YouTube sync changes state: checks the table,
 * updates only if the state is still the one read, records the step, and
 * queues the worker when the new state has work in it.
 */
export async function applySyncEvent(
  tx: Tx,
  videoId: string,
  event: SyncEvent,
  options: { patch?: Prisma.YoutubeSyncUpdateManyMutationInput; detail?: string | null } = {},
): Promise<SyncState> {
  const sync = await tx.youtubeSync.findUnique({ where: { videoId }, select: { state: true, resumeState: true } });
  if (!sync) throw new SyncTransitionError('not_found', `no sync for ${videoId}`);
  const to = nextSyncState(sync.state, event, sync.resumeState);
  if (!to) throw new SyncTransitionError('not_allowed', `${event} is not allowed from ${sync.state}`);
  const updated = await tx.youtubeSync.updateMany({
    where: { videoId, state: sync.state },
    data: { ...options.patch, state: to, ...(to === 'FAILED' ? { resumeState: sync.state } : event === 'retry' ? { resumeState: null, lastError: null } : {}) },
  });
  if (updated.count !== 1) throw new SyncTransitionError('conflict', 'sync changed while acting on it');
  await tx.syncTransition.create({ data: { videoId, from: sync.state, to, event, detail: options.detail?.slice(0, 1000) ?? null } });
  if (WORK_STATES.has(to)) await enqueue(tx, 'youtube.sync', { videoId });
  // Citizens' pages switch from the portal's own copy to YouTube's player.
  if (to === 'LIVE') await recordEvent(tx, { type: 'youtube.live', aggregateId: videoId });
  return to;
}

/**
 * The `youtube` subscriber, on a message's publication or withdrawal: the
 * message as it is now decides (a withdrawal heard after the publication it
 * followed, or before it, ends the same way). Publication starts the sync
 * (uploaded files only: messages already on YouTube have nothing to send, and
 * demo rows go only to the local stand-in, never to a real channel);
 * withdrawal takes the video down. Runs once however often it is
 * called: the message's row is locked and each step checks what is done.
 */
export async function followEditorialStatus(tx: Tx, videoId: string): Promise<void> {
  const [locked] = await tx.$queryRaw<Array<{ status: EditorialStatus }>>`SELECT "status" FROM "video" WHERE "id" = ${videoId}::uuid FOR UPDATE`;
  if (!locked) return;
  const to = locked.status;
  if (to === 'PUBLISHED') {
    const video = await tx.video.findUnique({
      where: { id: videoId },
      select: { isDemo: true, mediaId: true, youtubeVideoId: true, sync: { select: { state: true } } },
    });
    if (!video || !video.mediaId || video.youtubeVideoId || video.sync) return;
    if (video.isDemo && !youtubeTarget()?.standinRoot) return;
    await tx.youtubeSync.create({ data: { videoId, state: 'QUEUED' } });
    await tx.syncTransition.create({ data: { videoId, from: null, to: 'QUEUED', event: 'publish' } });
    await enqueue(tx, 'youtube.sync', { videoId });
    return;
  }
  if (to === 'WITHDRAWN') {
    const sync = await tx.youtubeSync.findUnique({ where: { videoId }, select: { state: true } });
    if (sync && nextSyncState(sync.state, 'withdraw')) await applySyncEvent(tx, videoId, 'withdraw');
    // The portal stops embedding at once, whatever YouTube does next.
    await tx.video.update({ where: { id: videoId }, data: { youtubeVideoId: null } });
  }
}

/** The `youtube` subscriber, on staff's metadata edit: a live video gets videos.update; one still on its way takes the change when it arrives. */
export async function followMetadataChange(tx: Tx, videoId: string): Promise<void> {
  const sync = await tx.youtubeSync.findUnique({ where: { videoId }, select: { state: true } });
  if (!sync) return;
  if (sync.state === 'LIVE') await applySyncEvent(tx, videoId, 'edit');
  else if (WORK_STATES.has(sync.state)) await tx.youtubeSync.update({ where: { videoId }, data: { metadataDirty: true } });
}

/** Whether staff's "retry now" has something to do in this state. */
export function canRetrySync(state: SyncState): boolean {
  return state === 'FAILED' || state === 'MISSING' || WORK_STATES.has(state);
}

/** Staff's "retry now": a failed sync goes back to where it stopped; a waiting one runs at once. */
export async function retrySyncNow(db: Db, actor: SignedInUser | null, videoId: string): Promise<void> {
  const user = requireCapability(actor, 'moderate');
  await db.$transaction(async (tx) => {
    const sync = await tx.youtubeSync.findUnique({ where: { videoId }, select: { state: true } });
    if (!sync) throw new SyncTransitionError('not_found', `no sync for ${videoId}`);
    if (sync.state === 'FAILED') await applySyncEvent(tx, videoId, 'retry');
    else if (sync.state === 'MISSING')
      await applySyncEvent(tx, videoId, 'reupload', { patch: { youtubeVideoId: null, uploadSession: null, bytesConfirmed: 0, captionsDone: false } });
    else if (canRetrySync(sync.state)) await runNow(tx, 'youtube.sync', { videoId });
    else throw new SyncTransitionError('not_allowed', `nothing to retry in ${sync.state}`);
    await recordAudit(tx, { actorId: user.id, action: 'message.retrySync', subjectType: 'message', subjectId: videoId, before: { syncState: sync.state } });
  });
}

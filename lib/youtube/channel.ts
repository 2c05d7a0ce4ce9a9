import { recordAudit } from '../audit';
import { config } from '../config';
import type { Db } from '../db/client';
import { queuedJobs, runNow } from '../jobs/queue';
import { enqueueMail } from '../notifications/outbox';
import { channelDisconnectedMail } from '../mail/templates';
import { YoutubeApi, type YoutubeTarget } from './api';
import { decryptToken, encryptToken } from '../secrets/seal';

/*
 * The one connected channel: connected by an admin through Google's consent
 * (or the stand-in's), its refresh token sealed at rest. A revoked token marks
 * it disconnected, tells staff by mail, and every job waits for a reconnection.
 */

export function channelStatus(db: Db) {
  return db.youtubeChannel.findUnique({
    where: { id: 1 },
    select: { channelId: true, title: true, connectedAt: true, disconnectedAt: true, disconnectReason: true, refreshToken: true },
  });
}

/** Stores a fresh connection (after consent) and wakes every job that waited for it. */
export async function connectChannel(db: Db, target: YoutubeTarget, refreshToken: string, actorId: string | null): Promise<{ title: string }> {
  const api = new YoutubeApi(db, target, refreshToken);
  const channel = await api.channel();
  const sealed = encryptToken(refreshToken);
  const waiting = (await queuedJobs('youtube.sync', 1000)).filter((job) => job.payload.waitingFor === 'channel');
  await db.$transaction(async (tx) => {
    const data = {
      channelId: channel.id,
      title: channel.title,
      uploadsPlaylist: channel.uploads,
      refreshToken: sealed,
      connectedAt: new Date(),
      connectedById: actorId,
      disconnectedAt: null,
      disconnectReason: null,
    };
    await tx.youtubeChannel.upsert({ where: { id: 1 }, create: { id: 1, ...data }, update: data });
    for (const job of waiting) await runNow(tx, 'youtube.sync', { videoId: job.payload.videoId });
    await recordAudit(tx, {
      actorId,
      action: 'channel.connect',
      subjectType: 'channel',
      subjectId: channel.id,
      after: { channelId: channel.id, title: channel.title },
    });
  });
  return { title: channel.title };
}

export async function disconnectChannel(db: Db, actorId: string | null, reason: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const current = await tx.youtubeChannel.findUnique({ where: { id: 1 }, select: { disconnectedAt: true, title: true, channelId: true } });
    if (!current || current.disconnectedAt) return;
    // Conditional, so that of two jobs refused at once (two workers, the sync and the refresh) only one disconnects,
    // audits and mails: the second waits for the first's row lock, then finds the channel already disconnected.
    const { count } = await tx.youtubeChannel.updateMany({
      where: { id: 1, disconnectedAt: null },
      data: { refreshToken: null, disconnectedAt: new Date(), disconnectReason: reason },
    });
    if (count === 0) return;
    await recordAudit(tx, {
      actorId,
      action: 'channel.disconnect',
      subjectType: 'channel',
      subjectId: current.channelId,
      before: { title: current.title },
      reason,
    });
    if (!actorId) {
      // YouTube refused the token: an administrator has to reconnect.
      const admins = await tx.user.findMany({ where: { role: 'ADMIN', disabledAt: null }, select: { email: true } });
      for (const admin of admins)
        await enqueueMail(tx, 'channel.disconnected', channelDisconnectedMail(admin.email, current.title, reason, `${config().publicUrl}/staff/youtube`));
    }
  });
}

// One client per connection and process: it keeps its access token between jobs instead of asking for a new one each time.
let current: { sealed: string; target: YoutubeTarget; api: YoutubeApi } | null = null;

/** Drops the kept client, e.g. when YouTube refused its access token: the next job starts with a fresh one. */
export function forgetChannelApi(): void {
  current = null;
}

/** An API client for the connected channel (`fresh` when made for this call), or null when none is connected. */
export async function channelApi(db: Db, target: YoutubeTarget | null): Promise<{ api: YoutubeApi; uploadsPlaylist: string | null; fresh: boolean } | null> {
  if (!target) return null;
  const channel = await db.youtubeChannel.findUnique({ where: { id: 1 }, select: { refreshToken: true, disconnectedAt: true, uploadsPlaylist: true } });
  if (!channel?.refreshToken || channel.disconnectedAt) return null;
  const fresh = current?.sealed !== channel.refreshToken || current.target !== target;
  if (fresh || !current) current = { sealed: channel.refreshToken, target, api: new YoutubeApi(db, target, decryptToken(channel.refreshToken)) };
  return { api: current.api, uploadsPlaylist: channel.uploadsPlaylist, fresh };
}

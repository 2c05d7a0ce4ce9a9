import { requireCapability } from '../auth/permissions';
import type { SignedInUser } from '../auth/session';
import type { Db } from '../db/client';
import { channelStatus } from './channel';
import { quotaToday } from './quota';
import { queuedJobs } from '../jobs/queue';

/** What the staff's YouTube page shows: the channel, today's quota, what waits and each message's journey. */
export async function youtubeOverview(db: Db, actor: SignedInUser | null) {
  requireCapability(actor, 'moderate');
  const [channel, quota, waiting, syncs] = await Promise.all([
    channelStatus(db),
    quotaToday(db),
    queuedJobs('youtube.sync', 1000).then((jobs) =>
      jobs
        .filter((job) => job.payload.waitingFor || job.lastError || job.runAt > new Date())
        .map((job) => ({
          key: job.payload.videoId,
          runAt: job.runAt,
          waitingFor: job.payload.waitingFor ?? (job.lastError ? 'backoff' : null),
          lastError: job.lastError,
        }))
        .sort((a, b) => a.runAt.getTime() - b.runAt.getTime())
        .slice(0, 100),
    ),
    db.youtubeSync.findMany({
      orderBy: { updatedAt: 'desc' },
      take: 100,
      select: {
        videoId: true,
        state: true,
        youtubeVideoId: true,
        bytesConfirmed: true,
        bytesTotal: true,
        lastError: true,
        updatedAt: true,
        video: { select: { title: true, municipality: { select: { name: true } } } },
      },
    }),
  ]);
  const titles = new Map(syncs.map((s) => [s.videoId, s.video.title]));
  const missing = waiting.filter((w) => !titles.has(w.key)).map((w) => w.key);
  if (missing.length) for (const v of await db.video.findMany({ where: { id: { in: missing } }, select: { id: true, title: true } })) titles.set(v.id, v.title);
  return {
    channel: channel ? { ...channel, refreshToken: undefined } : null,
    quota,
    waiting: waiting.map((w) => ({ ...w, title: titles.get(w.key) ?? w.key })),
    syncs,
  };
}

/** One message's YouTube journey, oldest first, for its staff page. */
export function syncTimeline(db: Db, videoId: string) {
  return db.youtubeSync.findUnique({
    where: { videoId },
    select: {
      state: true,
      youtubeVideoId: true,
      lastError: true,
      bytesConfirmed: true,
      bytesTotal: true,
      transitions: { orderBy: { id: 'asc' }, select: { to: true, event: true, detail: true, at: true } },
    },
  });
}

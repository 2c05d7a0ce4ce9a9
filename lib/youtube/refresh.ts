import type { Db } from '../db/client';
import type { YoutubeApi } from './api';
import { configuredPrivacy } from './metadata';
import { applySyncEvent } from './sync-apply';
import { recordEvent } from '../events/record';

/*
 * The periodic look at the channel: view, like and comment counts of every
 * live video (videos.list, 50 ids per call, 1 unit each), and whether each is
 * still there and public — a video deleted or made private by hand is marked
 * MISSING for staff, and the portal goes back to its own copy.
 */
export async function refreshLiveVideos(db: Db, api: YoutubeApi, now = new Date()): Promise<{ checked: number; missing: number }> {
  const live = await db.youtubeSync.findMany({ where: { state: 'LIVE' }, select: { videoId: true, youtubeVideoId: true }, orderBy: { videoId: 'asc' } });
  // A channel that publishes privately on purpose has nothing to detect from privacy.
  const expectsVisible = configuredPrivacy() !== 'private';
  let missing = 0;
  for (let i = 0; i < live.length; i += 50) {
    const batch = live.slice(i, i + 50);
    const remote = new Map((await api.videos(batch.map((b) => b.youtubeVideoId!))).map((v) => [v.id, v]));
    await db.videoStats.createMany({
      data: batch.flatMap((b) => {
        const v = remote.get(b.youtubeVideoId!);
        return v ? [{ videoId: b.videoId, at: now, views: BigInt(v.views), likes: BigInt(v.likes), comments: BigInt(v.comments) }] : [];
      }),
    });
    for (const b of batch) {
      const v = remote.get(b.youtubeVideoId!);
      if (v && !(expectsVisible && v.privacyStatus === 'private')) continue;
      missing++;
      await db.$transaction(async (tx) => {
        await applySyncEvent(tx, b.videoId, 'vanish', { detail: v ? 'made private on YouTube' : 'deleted from YouTube' });
        await tx.video.update({ where: { id: b.videoId }, data: { youtubeVideoId: null } });
      });
    }
  }
  // New counts (and any video gone) change the message pages.
  if (live.length) await db.$transaction((tx) => recordEvent(tx, { type: 'youtube.statistics', aggregateId: 'channel' }));
  return { checked: live.length, missing };
}

/** The latest counts of some messages, for pages and the coverage dashboard. */
export async function latestStats(db: Db, videoIds: string[]): Promise<Map<string, { views: number; likes: number; comments: number; at: Date }>> {
  if (!videoIds.length) return new Map();
  const rows = await db.$queryRaw<Array<{ video_id: string; views: bigint; likes: bigint; comments: bigint; at: Date }>>`
    SELECT DISTINCT ON ("video_id") "video_id", "views", "likes", "comments", "at" FROM "video_stats"
    WHERE "video_id" = ANY(${videoIds}::uuid[]) ORDER BY "video_id", "at" DESC`;
  return new Map(rows.map((r) => [r.video_id, { views: Number(r.views), likes: Number(r.likes), comments: Number(r.comments), at: r.at }]));
}

import type { Db } from '../db/client';
import type { MediaStore } from './media-store';

/**
 * The hourly `uploads.cleanup` job: partial uploads older than the expiry, and
 * finished files no message uses (uploaded and then replaced, or left when the
 * form was abandoned: nothing will ever show them). Returns how many went.
 */
export async function cleanupExpiredUploads(db: Db, store: MediaStore, expiryMs: number, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - expiryMs);
  const removed = await store.deleteExpired();
  const stale = await db.mediaFile.findMany({ where: { status: 'UPLOADING', createdAt: { lt: cutoff } }, select: { id: true } });
  for (const { id } of stale) await store.remove(id);
  const forgotten = await db.mediaFile.deleteMany({ where: { id: { in: stale.map((s) => s.id) }, video: null } });
  const unused = await db.mediaFile.findMany({
    where: { status: { in: ['READY', 'REJECTED'] }, video: null, createdAt: { lt: cutoff } },
    select: { id: true },
  });
  let unusedGone = 0;
  for (const { id } of unused) {
    // The row goes first, and only while no message holds it: a draft saved at this moment keeps its file.
    if ((await db.mediaFile.deleteMany({ where: { id, video: null } })).count === 0) continue;
    await store.remove(id);
    unusedGone++;
  }
  return Math.max(removed, forgotten.count) + unusedGone;
}

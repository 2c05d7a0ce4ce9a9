import type { SignedInUser } from '../auth/session';
import { isStaff } from '../auth/session';
import { publiclyVisible } from '../catalog/visibility';
import type { Db } from '../db/client';
import { MEDIA_ID } from './settings';

/*
 * An uploaded file is seen by the mayors of its comune and by staff; by anyone
 * else only while its message is public; otherwise it does not exist.
 */
export async function mediaVisibleTo(db: Db, user: SignedInUser | null, mediaId: string) {
  if (!MEDIA_ID.test(mediaId)) return null;
  const media = await db.mediaFile.findUnique({
    where: { id: mediaId },
    select: {
      id: true,
      status: true,
      municipalityIstat: true,
      originalName: true,
      durationMs: true,
      width: true,
      height: true,
      videoCodec: true,
      container: true,
      sizeBytes: true,
      rejectReason: true,
      video: { select: { id: true } },
    },
  });
  if (!media) return null;
  if (isStaff(user) || (user?.role === 'MAYOR' && user.municipalityIstat === media.municipalityIstat)) return { ...media, public: false };
  const publicMessage = await db.video.findFirst({ where: { mediaId, ...(await publiclyVisible(db)) }, select: { id: true } });
  return publicMessage && media.status === 'READY' ? { ...media, public: true } : null;
}

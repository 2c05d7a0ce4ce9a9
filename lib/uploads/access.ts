import type { SignedInUser } from '../auth/session';
import { isStaff } from '../auth/session';
import type { Db } from '../db/client';
import { MEDIA_ID } from './settings';

/* An uploaded file is seen by the mayors of its comune and by staff; for anyone else it does not exist. */
export async function mediaVisibleTo(db: Db, user: SignedInUser | null, mediaId: string) {
  if (!user || !MEDIA_ID.test(mediaId)) return null;
  const media = await db.mediaFile.findUnique({
    where: { id: mediaId },
    select: { id: true, status: true, municipalityIstat: true, originalName: true, durationMs: true, width: true, height: true, videoCodec: true, sizeBytes: true, rejectReason: true },
  });
  if (!media) return null;
  if (isStaff(user) || (user.role === 'MAYOR' && user.municipalityIstat === media.municipalityIstat)) return media;
  return null;
}

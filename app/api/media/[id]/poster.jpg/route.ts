import { currentUser } from '@/lib/auth/guard';
import { config } from '@/lib/config';
import { db } from '@/lib/db/client';
import { mediaVisibleTo } from '@/lib/uploads/access';
import { mediaStore } from '@/lib/uploads/media-store';
import { uploadSettings } from '@/lib/uploads/settings';

export const dynamic = 'force-dynamic';

/* The poster frame of an uploaded file; private until its message is public. */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const media = await mediaVisibleTo(db(), await currentUser(), (await params).id);
  if (!media || media.status !== 'READY') return new Response('Not found', { status: 404 });
  const bytes = await (await mediaStore(uploadSettings(config().dataDir))).readPoster(media.id);
  // A frame that is gone (a bucket cleaned by hand, a file restored without its poster): the message's drawn card, never a broken image.
  if (!bytes && media.public && media.video) return new Response(null, { status: 302, headers: { Location: `/api/v1/videos/${media.video.id}/poster.svg` } });
  if (!bytes) return new Response('Not found', { status: 404 });
  return new Response(new Uint8Array(bytes), {
    headers: { 'Content-Type': 'image/jpeg', 'Cache-Control': media.public ? 'public, max-age=60' : 'private, no-store' },
  });
}

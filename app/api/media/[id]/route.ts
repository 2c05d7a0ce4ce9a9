import { NextResponse } from 'next/server';
import { currentUser } from '@/lib/auth/guard';
import { db } from '@/lib/db/client';
import { mediaVisibleTo } from '@/lib/uploads/access';

export const dynamic = 'force-dynamic';

/* The state of an uploaded file, for the upload form (its comune's mayors and staff only). */
export async function GET(_req: Request, { params }: { params: Promise<{ id: string }> }) {
  const media = await mediaVisibleTo(db(), await currentUser(), (await params).id);
  // Citizens may watch a published file, but its upload state is the comune's and staff's business.
  if (!media || media.public) return NextResponse.json({ error: 'not_found' }, { status: 404, headers: { 'Cache-Control': 'private, no-store' } });
  return NextResponse.json(
    {
      id: media.id,
      status: media.status,
      name: media.originalName,
      durationMs: media.durationMs,
      width: media.width,
      height: media.height,
      videoCodec: media.videoCodec,
      sizeBytes: Number(media.sizeBytes),
      rejectReason: media.rejectReason,
      // Whether a message holds the file already: the form offers an unsaved upload again only when none does.
      attached: (await db().video.count({ where: { mediaId: media.id } })) > 0,
    },
    { headers: { 'Cache-Control': 'private, no-store' } },
  );
}

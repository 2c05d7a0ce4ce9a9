import { MESSAGE_ID } from '@/lib/catalog/paths';
import { findPublishedVideo } from '@/lib/catalog';
import { posterSvg } from '@/lib/catalog/poster';
import { db } from '@/lib/db/client';

export const dynamic = 'force-dynamic';

/** The poster of a published message; any other message is unknown here. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const video = MESSAGE_ID.test(id) ? await findPublishedVideo(db(), id) : null;
  if (!video) return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  return new Response(posterSvg(video), {
    headers: {
      'Content-Type': 'image/svg+xml; charset=utf-8',
      'Cache-Control': 'public, max-age=60',
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'",
    },
  });
}

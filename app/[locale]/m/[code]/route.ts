import { findPublishedByShortCode } from '@/lib/catalog';
import { videoPath } from '@/lib/catalog/paths';
import { db } from '@/lib/db/client';

export const dynamic = 'force-dynamic';

/* A printed poster's short address: to the message while it is published, a 404 otherwise. */
export async function GET(_request: Request, { params }: { params: Promise<{ code: string }> }) {
  const id = await findPublishedByShortCode(db(), (await params).code.toLowerCase());
  if (!id) return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
  // Relative: the browser resolves it against the address it used, whatever proxy is in front.
  return new Response(null, { status: 302, headers: { Location: videoPath(id), 'Cache-Control': 'public, max-age=60' } });
}

import { MESSAGE_ID } from '@/lib/catalog/paths';
import { publishedCaptions } from '@/lib/catalog';
import { db } from '@/lib/db/client';

export const dynamic = 'force-dynamic';

/** A published message's captions, for the player's <track>; any other message is unknown here. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const found = MESSAGE_ID.test(id) ? await publishedCaptions(db(), id) : null;
  if (!found) return new Response('Not found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  return new Response(found.captions, {
    headers: { 'Content-Type': 'text/vtt; charset=utf-8', 'Content-Language': found.language, 'Cache-Control': 'public, max-age=60' },
  });
}

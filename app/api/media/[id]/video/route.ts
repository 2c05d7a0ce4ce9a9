import { Readable } from 'node:stream';
import { currentUser } from '@/lib/auth/guard';
import { config } from '@/lib/config';
import { db } from '@/lib/db/client';
import { mediaVisibleTo } from '@/lib/uploads/access';
import { parseRange } from '@/lib/uploads/range';
import { mediaStore } from '@/lib/uploads/media-store';
import { uploadSettings } from '@/lib/uploads/settings';

export const dynamic = 'force-dynamic';

const TYPES: Record<string, string> = { mp4: 'video/mp4', mov: 'video/quicktime', webm: 'video/webm' };

/* The uploaded video itself, streamed from storage with Range support: staff and the comune's mayors always, citizens once published. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const media = await mediaVisibleTo(db(), await currentUser(), (await params).id);
  if (!media || media.status !== 'READY') return new Response('Not found', { status: 404, headers: { 'Cache-Control': 'no-store' } });
  const store = await mediaStore(uploadSettings(config().dataDir));
  const size = await store.size(media.id);
  if (size === null) return new Response('Not found', { status: 404, headers: { 'Cache-Control': 'no-store' } });
  const headers = new Headers({
    'Content-Type': TYPES[media.container ?? ''] ?? 'application/octet-stream',
    'Accept-Ranges': 'bytes',
    // Public copies may sit in a cache for a minute at most: a withdrawn message must not linger.
    'Cache-Control': media.public ? 'public, max-age=60' : 'private, no-store',
    'X-Content-Type-Options': 'nosniff',
    'Content-Disposition': 'inline',
  });
  const range = parseRange(request.headers.get('range'), size);
  if (range.kind === 'unsatisfiable') {
    headers.set('Content-Range', `bytes */${size}`);
    return new Response(null, { status: 416, headers });
  }
  const [start, end] = range.kind === 'partial' ? [range.start, range.end] : [0, size - 1];
  headers.set('Content-Length', String(end - start + 1));
  if (range.kind === 'partial') headers.set('Content-Range', `bytes ${start}-${end}/${size}`);
  const body = size === 0 ? null : (Readable.toWeb(await store.read(media.id, start, end)) as ReadableStream<Uint8Array>);
  return new Response(body, { status: range.kind === 'partial' ? 206 : 200, headers });
}

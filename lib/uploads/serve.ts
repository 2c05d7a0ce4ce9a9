import 'server-only';
import { Readable } from 'node:stream';
import { currentUser } from '../auth/guard';
import { config } from '../config';
import { db } from '../db/client';
import type { RenditionKind } from '../generated/prisma/enums';
import { mediaVisibleTo } from './access';
import { mediaStore } from './media-store';
import { parseRange } from './range';
import { RENDITION_FILES, uploadSettings } from './settings';

/*
 * A video, or one of its renditions, streamed from storage with Range support
 * (a <video> seeks, a podcast app resumes): staff and the comune's mayors
 * always, citizens only while the message is public.
 */

const TYPES: Record<string, string> = { mp4: 'video/mp4', mov: 'video/quicktime', webm: 'video/webm' };
const EXTENSIONS: Record<string, string> = { mp4: 'mp4', mov: 'mov', webm: 'webm' };

function notFound(): Response {
  return new Response('Not found', { status: 404, headers: { 'Cache-Control': 'no-store', 'Content-Type': 'text/plain; charset=utf-8' } });
}

export async function serveMedia(request: Request, mediaId: string, rendition?: RenditionKind): Promise<Response> {
  const media = await mediaVisibleTo(db(), await currentUser(), mediaId);
  if (!media || media.status !== 'READY') return notFound();
  const store = await mediaStore(uploadSettings(config().dataDir));
  const size = await store.size(media.id, rendition);
  if (size === null) return notFound();
  const name = rendition ? `${media.id}.${RENDITION_FILES[rendition].suffix}` : `${media.id}.${EXTENSIONS[media.container ?? ''] ?? 'bin'}`;
  const headers = new Headers({
    'Content-Type': rendition ? RENDITION_FILES[rendition].contentType : (TYPES[media.container ?? ''] ?? 'application/octet-stream'),
    'Accept-Ranges': 'bytes',
    // Public copies may sit in a cache for a minute at most: a withdrawn message must not linger.
    'Cache-Control': media.public ? 'public, max-age=60' : 'private, no-store',
    'X-Content-Type-Options': 'nosniff',
    // Played in place; "save as" gets a name that says what it is.
    'Content-Disposition': `inline; filename="${name}"`,
  });
  const range = parseRange(request.headers.get('range'), size);
  if (range.kind === 'unsatisfiable') {
    headers.set('Content-Range', `bytes */${size}`);
    return new Response(null, { status: 416, headers });
  }
  const [start, end] = range.kind === 'partial' ? [range.start, range.end] : [0, size - 1];
  headers.set('Content-Length', String(end - start + 1));
  if (range.kind === 'partial') headers.set('Content-Range', `bytes ${start}-${end}/${size}`);
  const body =
    size === 0 || request.method === 'HEAD' ? null : (Readable.toWeb(await store.read(media.id, start, end, rendition)) as ReadableStream<Uint8Array>);
  return new Response(body, { status: range.kind === 'partial' ? 206 : 200, headers });
}

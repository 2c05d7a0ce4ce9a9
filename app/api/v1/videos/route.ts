import { z } from 'zod';
import { json, parseQuery } from '@/lib/api/respond';
import { MAX_QUERY_LENGTH, publishedVideos } from '@/lib/catalog';
import { decodeCursor } from '@/lib/catalog/cursor';
import { videoToJson } from '@/lib/catalog/serialize';
import { config } from '@/lib/config';
import { db } from '@/lib/db/client';

export const dynamic = 'force-dynamic';

const querySchema = z
  .object({
    municipality: z
      .string()
      .regex(/^\d{6}$/, 'municipality must be a 6-digit ISTAT code')
      .optional(),
    theme: z
      .string()
      .regex(/^[a-z0-9-]{1,80}$/, 'theme must be a theme slug')
      .optional(),
    q: z.string().trim().min(1, 'q must not be empty').max(MAX_QUERY_LENGTH, `q must be at most ${MAX_QUERY_LENGTH} characters`).optional(),
    cursor: z
      .string()
      .refine((c) => decodeCursor(c) !== null, 'cursor is not valid: use nextCursor from a previous page')
      .optional(),
    limit: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();

export async function GET(request: Request) {
  const url = new URL(request.url);
  const query = parseQuery(url, querySchema);
  if (!query.ok) return query.response;
  const { areaCode, publicUrl } = config();
  const { items, nextCursor } = await publishedVideos(db(), { ...query.value, areaCode });
  const next = new URL('/api/v1/videos', publicUrl);
  if (nextCursor) {
    for (const [key, value] of url.searchParams) if (key !== 'cursor') next.searchParams.set(key, value);
    next.searchParams.set('cursor', nextCursor);
  }
  return json({ data: items.map((v) => videoToJson(v, publicUrl)), nextCursor, next: nextCursor ? next.toString() : null });
}

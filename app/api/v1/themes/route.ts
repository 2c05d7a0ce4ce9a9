import { z } from 'zod';
import { json, parseQuery } from '@/lib/api/respond';
import { listThemes } from '@/lib/catalog';
import { themePath } from '@/lib/catalog/paths';
import { config } from '@/lib/config';
import { db } from '@/lib/db/client';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  const query = parseQuery(new URL(request.url), z.object({}).strict());
  if (!query.ok) return query.response;
  const themes = await listThemes(db());
  return json({ data: themes.map(({ id: _id, ...t }) => ({ ...t, url: `${config().publicUrl}${themePath(t.slug)}` })) });
}

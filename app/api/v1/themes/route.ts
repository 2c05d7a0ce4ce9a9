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
  return json({
    data: themes.map((t) => ({
      slug: t.slug,
      labelIt: t.labelIt,
      labelEn: t.labelEn,
      publishedCount: t.publishedCount,
      url: `${config().publicUrl}${themePath(t.slug)}`,
    })),
  });
}

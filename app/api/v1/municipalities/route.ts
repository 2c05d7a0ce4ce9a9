import { z } from 'zod';
import { json, parseQuery } from '@/lib/api/respond';
import { municipalitiesWithCounts } from '@/lib/catalog';
import { municipalityPath } from '@/lib/catalog/paths';
import { config } from '@/lib/config';
import { db } from '@/lib/db/client';

export const dynamic = 'force-dynamic';

export async function GET(request: Request) {
  const query = parseQuery(new URL(request.url), z.object({}).strict());
  if (!query.ok) return query.response;
  const { areaCode, publicUrl } = config();
  const municipalities = await municipalitiesWithCounts(db(), areaCode);
  return json({
    areaCode,
    data: municipalities.map((m) => ({ ...m, url: `${publicUrl}${municipalityPath(m)}` })),
  });
}

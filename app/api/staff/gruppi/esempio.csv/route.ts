import { can } from '@/lib/auth/permissions';
import { config } from '@/lib/config';
import { db } from '@/lib/db/client';
import { istatCodesCsv } from '@/lib/groups/csv';
import { userFromRequest } from '@/lib/staff/form-endpoint';

export const dynamic = 'force-dynamic';

/**
 * An example of the group file, made from the area's own comuni (those over
 * 15,000 inhabitants), for staff to start from: the portal ships no zone data,
 * and the map data it reads may not be redistributed as a file of the repository.
 */
export async function GET(request: Request) {
  const user = await userFromRequest(request);
  if (!can(user, 'moderate')) return new Response('Forbidden', { status: user ? 403 : 401, headers: { 'Cache-Control': 'no-store' } });
  const comuni = await db().municipality.findMany({
    where: { areaCode: config().areaCode, population: { gt: 15_000 } },
    orderBy: { name: 'asc' },
    select: { istatCode: true, name: true },
  });
  return new Response(`\uFEFF${istatCodesCsv(comuni)}`, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="gruppo-esempio.csv"',
      'Cache-Control': 'private, no-store',
    },
  });
}

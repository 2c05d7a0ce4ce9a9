import { can } from '@/lib/auth/permissions';
import { config } from '@/lib/config';
import { coverage, COVERAGE_CSV_HEADER, coverageCsvFields, coverageQuerySchema } from '@/lib/coverage';
import { db } from '@/lib/db/client';
import { userFromRequest } from '@/lib/staff/form-endpoint';
import { csvDownload } from '@/lib/text/csv';

export const dynamic = 'force-dynamic';

/* The coverage table as CSV, in the order and with the filter shown on the page. */
export async function GET(request: Request) {
  const user = await userFromRequest(request);
  if (!can(user, 'moderate')) return new Response('Forbidden', { status: user ? 403 : 401, headers: { 'Cache-Control': 'no-store' } });
  const query = coverageQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const { rows } = await coverage(db(), user, config().areaCode, query);
  return csvDownload('copertura-vocicomuni.csv', COVERAGE_CSV_HEADER, rows, coverageCsvFields);
}

import { AUDIT_CSV_HEADER, auditCsvFields, auditRows } from '@/lib/audit';
import { can } from '@/lib/auth/permissions';
import { db } from '@/lib/db/client';
import { auditFilterSchema, auditFilterFrom } from '@/lib/staff/audit-filter';
import { userFromRequest } from '@/lib/staff/form-endpoint';
import { csvStream } from '@/lib/text/csv';

export const dynamic = 'force-dynamic';

/* The audit log as CSV, with the same filters as the page. */
export async function GET(request: Request) {
  const user = await userFromRequest(request);
  if (!can(user, 'moderate')) return new Response('Forbidden', { status: user ? 403 : 401, headers: { 'Cache-Control': 'no-store' } });
  const query = auditFilterSchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  return new Response(csvStream(AUDIT_CSV_HEADER, auditRows(db(), user, auditFilterFrom(query)), auditCsvFields), {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': 'attachment; filename="registro-vocicomuni.csv"',
      'Cache-Control': 'private, no-store',
    },
  });
}

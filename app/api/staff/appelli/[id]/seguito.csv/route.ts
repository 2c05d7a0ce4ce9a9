import { can } from '@/lib/auth/permissions';
import { callFollowUp, callForStaff, FOLLOW_UP_CSV_HEADER, followUpCsvFields } from '@/lib/calls';
import { db } from '@/lib/db/client';
import { rowId } from '@/lib/db/ids';
import { userFromRequest } from '@/lib/staff/form-endpoint';
import { csvDownload } from '@/lib/text/csv';

export const dynamic = 'force-dynamic';

/* A call's follow-up as CSV: one line per comune asked, its answer, its messages or its note, the reminders it was sent. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const user = await userFromRequest(request);
  if (!can(user, 'moderate')) return new Response('Forbidden', { status: user ? 403 : 401, headers: { 'Cache-Control': 'no-store' } });
  const id = rowId.safeParse((await params).id);
  if (!id.success) return new Response('Bad request', { status: 400, headers: { 'Cache-Control': 'no-store' } });
  const call = await callForStaff(db(), user, id.data);
  if (!call) return new Response('Not found', { status: 404, headers: { 'Cache-Control': 'no-store' } });
  const rows = await callFollowUp(db(), user, call.id);
  return csvDownload(`appello-${call.id}-vocicomuni.csv`, FOLLOW_UP_CSV_HEADER, rows, followUpCsvFields);
}

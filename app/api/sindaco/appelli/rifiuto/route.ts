import { AdminError } from '@/lib/admin/errors';
import { declineCall, declineSchema } from '@/lib/calls';
import { db } from '@/lib/db/client';
import { rowId } from '@/lib/db/ids';
import { sameOrigin, userFromRequest } from '@/lib/staff/form-endpoint';
import { field } from '@/lib/web/form-data';
import { seeOther } from '@/lib/web/see-other';

export const dynamic = 'force-dynamic';

/*
 * A mayor says a call for messages does not concern the comune: the card's
 * plain form (it works without JavaScript), answered with a 303 to the
 * dashboard, which says what happened. The caller is read from the session
 * cookie; a post from another site is refused.
 */
export async function POST(request: Request) {
  if (!sameOrigin(request)) return new Response('Cross-site form refused', { status: 403, headers: { 'Cache-Control': 'no-store' } });
  const user = await userFromRequest(request);
  if (!user) return seeOther('/accedi?da=/sindaco');
  if (user.role !== 'MAYOR') return new Response('Forbidden', { status: 403, headers: { 'Cache-Control': 'no-store' } });
  const data = await request.formData().catch(() => null);
  // Only the card's own call id: anything else is no form of ours.
  if (!data || !rowId.safeParse(field(data, 'callId')).success) return new Response('Bad request', { status: 400, headers: { 'Cache-Control': 'no-store' } });
  const input = declineSchema.safeParse({ callId: field(data, 'callId'), note: field(data, 'note') });
  if (!input.success) return seeOther('/sindaco?esito=appello-non-valido');
  try {
    await declineCall(db(), user, input.data);
  } catch (error) {
    if (error instanceof AdminError) return seeOther('/sindaco?esito=appello-chiuso');
    throw error;
  }
  return seeOther('/sindaco?esito=appello-rifiutato');
}

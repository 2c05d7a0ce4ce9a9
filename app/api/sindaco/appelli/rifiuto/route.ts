import { AdminError } from '@/lib/admin/errors';
import { declineCall, declineSchema } from '@/lib/calls';
import { db } from '@/lib/db/client';
import { rowId } from '@/lib/db/ids';
import { field } from '@/lib/web/form-data';
import { badForm, mayorForm } from '@/lib/web/mayor-form';
import { seeOther } from '@/lib/web/see-other';

export const dynamic = 'force-dynamic';

/*
 * A mayor says a call for messages does not concern the comune: the card's
 * plain form, answered with a 303 to the dashboard, which says what happened.
 */
export async function POST(request: Request) {
  const form = await mayorForm(request);
  if (form instanceof Response) return form;
  // Only the card's own call id: anything else is no form of ours.
  if (!rowId.safeParse(field(form.data, 'callId')).success) return badForm();
  const input = declineSchema.safeParse({ callId: field(form.data, 'callId'), note: field(form.data, 'note') });
  if (!input.success) return seeOther('/sindaco?esito=appello-non-valido');
  try {
    await declineCall(db(), form.user, input.data);
  } catch (error) {
    if (error instanceof AdminError) return seeOther('/sindaco?esito=appello-chiuso');
    throw error;
  }
  return seeOther('/sindaco?esito=appello-rifiutato');
}

import { revalidatePath } from 'next/cache';
import { rowId } from '@/lib/db/ids';
import { createElectionPeriod, electionCreateSchema, removeElectionPeriod } from '@/lib/admin/elections';
import { config } from '@/lib/config';
import { db } from '@/lib/db/client';
import { handleStaffForm, parseForm } from '@/lib/staff/form-endpoint';
import { checked, field } from '@/lib/web/form-data';

/* Add an election period (one comune or all) or remove one. */
export async function POST(request: Request) {
  return handleStaffForm(request, 'administer', async ({ user, data, t }) => {
    if (field(data, 'intent') === 'remove') {
      await removeElectionPeriod(db(), user, parseForm(rowId, field(data, 'id'), t));
      revalidatePath('/', 'layout');
      return { redirectTo: '/staff/elezioni?esito=rimosso' };
    }
    const input = parseForm(
      electionCreateSchema,
      {
        comune: field(data, 'comune'),
        startsOn: field(data, 'startsOn'),
        endsOn: field(data, 'endsOn'),
        hidePublished: checked(data, 'hidePublished'),
        note: field(data, 'note'),
      },
      t,
    );
    const count = await createElectionPeriod(db(), user, config().areaCode, input);
    revalidatePath('/', 'layout');
    return { redirectTo: `/staff/elezioni?esito=aggiunto&comuni=${count}` };
  });
}

import { revalidatePath } from 'next/cache';
import { db } from '@/lib/db/client';
import { bulkSchema, decideMany } from '@/lib/moderation';
import { handleStaffForm, parseForm } from '@/lib/staff/form-endpoint';
import { field } from '@/lib/web/form-data';

/* The same decision on the messages ticked in the queue. */
export async function POST(request: Request) {
  return handleStaffForm(request, 'moderate', async ({ user, data, t }) => {
    const input = parseForm(bulkSchema, { decision: field(data, 'decision'), reason: field(data, 'reason'), items: data.getAll('items').map(String) }, t);
    const results = await decideMany(db(), user, input);
    revalidatePath('/', 'layout');
    const done = results.filter((r) => r.outcome === 'done').length;
    return { redirectTo: `/staff/moderazione?esito=blocco&fatti=${done}&saltati=${results.length - done}` };
  });
}

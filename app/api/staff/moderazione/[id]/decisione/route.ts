import { revalidatePath } from 'next/cache';
import { db } from '@/lib/db/client';
import { decide, decisionSchema } from '@/lib/moderation';
import { handleStaffForm, parseForm } from '@/lib/staff/form-endpoint';
import { field } from '@/lib/web/form-data';

/* Approve (and publish), request changes, reject or withdraw one message. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return handleStaffForm(request, 'moderate', async ({ user, data, t }) => {
    const input = parseForm(
      decisionSchema,
      { decision: field(data, 'decision'), reason: field(data, 'reason'), expectedStatus: field(data, 'expectedStatus'), revision: field(data, 'revision') },
      t,
    );
    await decide(db(), user, id, input);
    revalidatePath('/', 'layout');
    return { redirectTo: `/staff/moderazione/${id}?esito=${input.decision}` };
  });
}

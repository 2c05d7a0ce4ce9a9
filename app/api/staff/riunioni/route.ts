import { revalidatePath } from 'next/cache';
import { createMeeting, deleteMeeting, meetingIdSchema, meetingSchema } from '@/lib/coordination/meetings';
import { db } from '@/lib/db/client';
import { handleStaffForm, parseForm } from '@/lib/staff/form-endpoint';
import { field } from '@/lib/web/form-data';

/* Add a coordination meeting with the mayors, or delete one. */
export async function POST(request: Request) {
  return handleStaffForm(request, 'moderate', async ({ user, data, t }) => {
    if (field(data, 'intent') === 'delete') {
      await deleteMeeting(db(), user, parseForm(meetingIdSchema, { id: field(data, 'id') }, t).id);
      revalidatePath('/staff', 'layout');
      return { redirectTo: '/staff/riunioni?esito=eliminata' };
    }
    const input = parseForm(meetingSchema, { date: field(data, 'date'), time: field(data, 'time'), link: field(data, 'link'), note: field(data, 'note') }, t);
    await createMeeting(db(), user, input);
    revalidatePath('/staff', 'layout');
    return { redirectTo: '/staff/riunioni?esito=aggiunta' };
  });
}

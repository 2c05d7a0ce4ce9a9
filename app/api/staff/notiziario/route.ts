import { sendBriefingNow, sendNowSchema } from '@/lib/coordination/briefing';
import { db } from '@/lib/db/client';
import { handleStaffForm, parseForm } from '@/lib/staff/form-endpoint';
import { field } from '@/lib/web/form-data';

/* Send an edition of the mayors' weekly briefing now, outside its schedule (the form's own id: sent twice, it is one edition). */
export async function POST(request: Request) {
  return handleStaffForm(request, 'moderate', async ({ user, data, t }) => {
    await sendBriefingNow(db(), user, parseForm(sendNowSchema, { edition: field(data, 'edition') }, t));
    return { redirectTo: '/staff/riunioni?esito=notiziario' };
  });
}

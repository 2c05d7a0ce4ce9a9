import { sendBriefingNow } from '@/lib/coordination/briefing';
import { db } from '@/lib/db/client';
import { handleStaffForm } from '@/lib/staff/form-endpoint';

/* Send an edition of the mayors' weekly briefing now, outside its schedule. */
export async function POST(request: Request) {
  return handleStaffForm(request, 'moderate', async ({ user }) => {
    await sendBriefingNow(db(), user);
    return { redirectTo: '/staff/riunioni?esito=notiziario' };
  });
}

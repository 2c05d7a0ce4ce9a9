import { notifySchema, setNotificationSetting } from '@/lib/admin/settings';
import { db } from '@/lib/db/client';
import { handleStaffForm, parseForm } from '@/lib/staff/form-endpoint';
import { field } from '@/lib/web/form-data';

/* How the moderator hears of new submissions. */
export async function POST(request: Request) {
  return handleStaffForm(request, 'moderate', async ({ user, data, t }) => {
    await setNotificationSetting(db(), user, parseForm(notifySchema, { notifySubmissions: field(data, 'notifySubmissions') }, t));
    return { redirectTo: '/staff?esito=salvato' };
  });
}

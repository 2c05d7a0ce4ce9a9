import { setUserAccess, userAccessSchema } from '@/lib/admin/users';
import { db } from '@/lib/db/client';
import { handleStaffForm, parseForm } from '@/lib/staff/form-endpoint';
import { field } from '@/lib/web/form-data';

/* Turn an account off or back on. */
export async function POST(request: Request) {
  return handleStaffForm(request, 'administer', async ({ user, data, t }) => {
    await setUserAccess(db(), user, parseForm(userAccessSchema, { id: field(data, 'id'), enabled: field(data, 'enabled') === 'true' }, t));
    return { redirectTo: '/staff/inviti?esito=salvato' };
  });
}

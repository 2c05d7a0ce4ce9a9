import { uuidKey } from '@/lib/db/ids';
import { db } from '@/lib/db/client';
import { markAnswered } from '@/lib/feedback/accessibility-reports';
import { handleStaffForm, parseForm } from '@/lib/staff/form-endpoint';
import { field } from '@/lib/web/form-data';

/* Marks a citizen's accessibility report answered (staff replied by e-mail). */
export async function POST(request: Request) {
  return handleStaffForm(request, 'moderate', async ({ user, data, t }) => {
    await markAnswered(db(), user, parseForm(uuidKey, field(data, 'id'), t));
    return { redirectTo: '/staff/segnalazioni?esito=salvato' };
  });
}

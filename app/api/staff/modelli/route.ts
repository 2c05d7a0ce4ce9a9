import { saveTemplate, templateSchema } from '@/lib/admin/templates';
import { db } from '@/lib/db/client';
import { handleStaffForm, parseForm } from '@/lib/staff/form-endpoint';
import { checked, field } from '@/lib/web/form-data';

/* Create or edit a reason template. */
export async function POST(request: Request) {
  return handleStaffForm(request, 'moderate', async ({ user, data, t }) => {
    const id = field(data, 'id');
    const input = parseForm(
      templateSchema,
      { id: id || undefined, kind: field(data, 'kind'), title: field(data, 'title'), text: field(data, 'text'), active: id ? checked(data, 'active') : true },
      t,
    );
    await saveTemplate(db(), user, input);
    return { redirectTo: '/staff/modelli?esito=salvato' };
  });
}

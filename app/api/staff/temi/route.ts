import { revalidatePath } from 'next/cache';
import { createTheme, themeCreateSchema, themeUpdateSchema, updateTheme } from '@/lib/admin/themes';
import { db } from '@/lib/db/client';
import { handleStaffForm, parseForm } from '@/lib/staff/form-endpoint';
import { checked, field } from '@/lib/web/form-data';

/* Create a theme, or rename / reorder / retire one. */
export async function POST(request: Request) {
  return handleStaffForm(request, 'administer', async ({ user, data, t }) => {
    if (field(data, 'intent') === 'create') {
      await createTheme(db(), user, parseForm(themeCreateSchema, { labelIt: field(data, 'labelIt'), labelEn: field(data, 'labelEn') }, t));
    } else {
      await updateTheme(
        db(),
        user,
        parseForm(
          themeUpdateSchema,
          {
            id: field(data, 'id'),
            labelIt: field(data, 'labelIt'),
            labelEn: field(data, 'labelEn'),
            active: checked(data, 'active'),
            position: field(data, 'position'),
          },
          t,
        ),
      );
    }
    revalidatePath('/', 'layout');
    return { redirectTo: '/staff/temi?esito=salvato' };
  });
}

import { revalidatePath } from 'next/cache';
import { rowId as id } from '@/lib/db/ids';
import { addServiceNote, bannerSchema, endBanner, postBanner, removeServiceNote, serviceNoteSchema } from '@/lib/admin/announcements';
import { config } from '@/lib/config';
import { db } from '@/lib/db/client';
import { FieldErrors, handleStaffForm, parseForm } from '@/lib/staff/form-endpoint';
import { field } from '@/lib/web/form-data';

/* The crisis banner (post, end) and the comuni's service notes (add, remove). */
export async function POST(request: Request) {
  return handleStaffForm(request, 'administer', async ({ user, data, t }) => {
    switch (field(data, 'intent')) {
      case 'banner':
        await postBanner(
          db(),
          user,
          parseForm(
            bannerSchema,
            { textIt: field(data, 'textIt'), textEn: field(data, 'textEn'), url: field(data, 'url'), expiresAt: field(data, 'expiresAt') },
            t,
          ),
        );
        break;
      case 'endBanner':
        await endBanner(db(), user, parseForm(id, field(data, 'id'), t));
        break;
      case 'note':
        await addServiceNote(
          db(),
          user,
          config().areaCode,
          parseForm(
            serviceNoteSchema,
            { comune: field(data, 'comune'), text: field(data, 'text'), url: field(data, 'url'), validUntil: field(data, 'validUntil') },
            t,
          ),
        );
        break;
      case 'removeNote':
        await removeServiceNote(db(), user, parseForm(id, field(data, 'id'), t));
        break;
      default:
        throw new FieldErrors({ intent: t('staff.errors.invalid') });
    }
    revalidatePath('/', 'layout');
    return { redirectTo: '/staff/avvisi?esito=salvato' };
  });
}

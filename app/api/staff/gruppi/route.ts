import { revalidatePath } from 'next/cache';
import { config } from '@/lib/config';
import { db } from '@/lib/db/client';
import { rowId } from '@/lib/db/ids';
import { MAX_CSV_BYTES } from '@/lib/groups/csv';
import { createGroup, GroupMembersError, groupSchema, removeGroup } from '@/lib/groups';
import { FieldErrors, handleStaffForm, parseForm } from '@/lib/staff/form-endpoint';
import { field } from '@/lib/web/form-data';

/* Create a group of comuni (from the list, by population or from a file of ISTAT codes) or remove one. */
export async function POST(request: Request) {
  return handleStaffForm(request, 'moderate', async ({ user, data, t }) => {
    if (field(data, 'intent') === 'remove') {
      await removeGroup(db(), user, parseForm(rowId, field(data, 'id'), t));
      revalidatePath('/staff', 'layout');
      return { redirectTo: '/staff/gruppi?esito=rimosso' };
    }
    const file = data.get('csvFile');
    const by = field(data, 'by');
    if (by === 'csv' && !(file instanceof File && file.size > 0)) throw new FieldErrors({ csvFile: t('staff.errors.groupEmpty') });
    if (file instanceof File && file.size > MAX_CSV_BYTES) throw new FieldErrors({ csvFile: t('staff.errors.csvSize') });
    const input = parseForm(
      groupSchema,
      {
        name: field(data, 'name'),
        description: field(data, 'description'),
        by,
        comuni: data.getAll('comuni').filter((v): v is string => typeof v === 'string'),
        minPopulation: field(data, 'minPopulation'),
        maxPopulation: field(data, 'maxPopulation'),
        csv: by === 'csv' && file instanceof File ? await file.text() : '',
      },
      t,
    );
    try {
      const created = await createGroup(db(), user, config().areaCode, input);
      revalidatePath('/staff', 'layout');
      return { redirectTo: `/staff/gruppi?esito=creato&comuni=${created.members}` };
    } catch (error) {
      if (!(error instanceof GroupMembersError)) throw error;
      const where = { list: 'comuni', population: 'minPopulation', csv: 'csvFile' }[input.by];
      if (error.reason === 'empty') throw new FieldErrors({ [where]: t('staff.errors.groupEmpty') });
      if (error.reason === 'unknownCodes') throw new FieldErrors({ [where]: t('staff.errors.unknownCodes', { codes: error.detail.join(', ') }) });
      throw new FieldErrors({ [where]: t('staff.errors.badLines', { lines: error.detail.join(', ') }) });
    }
  });
}

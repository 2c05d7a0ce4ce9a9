import { revalidatePath } from 'next/cache';
import { callSchema, collectionSchema, createCall, setCollectionPublic } from '@/lib/calls';
import { config } from '@/lib/config';
import { db } from '@/lib/db/client';
import { handleStaffForm, parseForm } from '@/lib/staff/form-endpoint';
import { field } from '@/lib/web/form-data';

const all = (data: FormData, name: string) => data.getAll(name).filter((v): v is string => typeof v === 'string');

/* Send a call for messages to the comuni of the area, of some groups, or of a list; or publish (withdraw) a call's public collection. */
export async function POST(request: Request) {
  return handleStaffForm(request, 'moderate', async ({ user, data, t }) => {
    if (field(data, 'intent') === 'collection') {
      const input = parseForm(collectionSchema, { callId: field(data, 'callId'), public: field(data, 'public') }, t);
      await setCollectionPublic(db(), user, input);
      revalidatePath('/', 'layout');
      return { redirectTo: `/staff/appelli/${input.callId}?esito=${input.public ? 'raccolta-pubblica' : 'raccolta-ritirata'}` };
    }
    const input = parseForm(
      callSchema,
      {
        title: field(data, 'title'),
        brief: field(data, 'brief'),
        deadline: field(data, 'deadline'),
        themes: all(data, 'themes'),
        target: field(data, 'target'),
        groups: all(data, 'groups'),
        comuni: all(data, 'comuni'),
      },
      t,
    );
    const made = await createCall(db(), user, config().areaCode, input);
    revalidatePath('/staff', 'layout');
    return { redirectTo: `/staff/appelli/${made.id}?esito=inviato&comuni=${made.comuni}` };
  });
}

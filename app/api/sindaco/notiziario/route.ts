import { briefingPreferencesSchema, setBriefingPreferences } from '@/lib/coordination/briefing';
import { db } from '@/lib/db/client';
import { checked, field } from '@/lib/web/form-data';
import { badForm, mayorForm } from '@/lib/web/mayor-form';
import { seeOther } from '@/lib/web/see-other';

export const dynamic = 'force-dynamic';

/* A mayor's weekly briefing: wanted or not, and in which language (the dashboard's plain form). */
export async function POST(request: Request) {
  const form = await mayorForm(request);
  if (form instanceof Response) return form;
  const input = briefingPreferencesSchema.safeParse({ wanted: checked(form.data, 'wanted'), locale: field(form.data, 'briefingLocale') });
  // The form offers only these values: anything else is no form of ours.
  if (!input.success) return badForm();
  await setBriefingPreferences(db(), form.user, input.data);
  return seeOther('/sindaco?esito=notiziario-salvato#notiziario');
}

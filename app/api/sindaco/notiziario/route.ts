import { briefingPreferencesSchema, setBriefingPreferences } from '@/lib/coordination/briefing';
import { db } from '@/lib/db/client';
import { sameOrigin, userFromRequest } from '@/lib/staff/form-endpoint';
import { checked, field } from '@/lib/web/form-data';
import { seeOther } from '@/lib/web/see-other';

export const dynamic = 'force-dynamic';

/*
 * A mayor's weekly briefing: wanted or not, and in which language. A plain
 * form on the dashboard (it works without JavaScript), answered with a 303 to
 * the dashboard; the caller is read from the session cookie.
 */
export async function POST(request: Request) {
  if (!sameOrigin(request)) return new Response('Cross-site form refused', { status: 403, headers: { 'Cache-Control': 'no-store' } });
  const user = await userFromRequest(request);
  if (!user) return seeOther('/accedi?da=/sindaco');
  if (user.role !== 'MAYOR') return new Response('Forbidden', { status: 403, headers: { 'Cache-Control': 'no-store' } });
  const data = await request.formData().catch(() => null);
  const input = data && briefingPreferencesSchema.safeParse({ wanted: checked(data, 'wanted'), locale: field(data, 'briefingLocale') });
  // The form offers only these values: anything else is no form of ours.
  if (!input?.success) return new Response('Bad request', { status: 400, headers: { 'Cache-Control': 'no-store' } });
  await setBriefingPreferences(db(), user, input.data);
  return seeOther('/sindaco?esito=notiziario-salvato#notiziario');
}

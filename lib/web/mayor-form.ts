import type { SignedInUser } from '../auth/session';
import { sameOrigin, userFromRequest } from '../staff/form-endpoint';
import { seeOther } from './see-other';

const refused = (status: number, text: string) => new Response(text, { status, headers: { 'Cache-Control': 'no-store' } });

/**
 * The caller of a plain form on the mayor's dashboard (it works without
 * JavaScript and is answered with a 303): a post from another site is
 * refused, a signed-out caller sent to sign in, anyone but a mayor refused;
 * otherwise the mayor and the form. `bad` answers a form no page of ours sends.
 */
export async function mayorForm(request: Request): Promise<Response | { user: SignedInUser; data: FormData }> {
  if (!sameOrigin(request)) return refused(403, 'Cross-site form refused');
  const user = await userFromRequest(request);
  if (!user) return seeOther('/accedi?da=/sindaco');
  if (user.role !== 'MAYOR') return refused(403, 'Forbidden');
  const data = await request.formData().catch(() => null);
  return data ? { user, data } : badForm();
}

export function badForm(): Response {
  return refused(400, 'Bad request');
}

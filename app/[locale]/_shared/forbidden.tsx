import { cookies, headers } from 'next/headers';
import { AccessDenied } from '@/components/auth/AccessDenied';
import { LOCALE_COOKIE, negotiateLocale, translator } from '@/lib/i18n';

/*
 * What a signed-in user sees, with status 403, on a page their role may not
 * open (a mayor on /staff, a moderator on an administrator's page). A
 * forbidden boundary gets no params: the language is negotiated as the proxy
 * did, from the request, so it lives only in the segments whose pages are
 * rendered per request (/staff, /sindaco), never above the cached ones.
 */
export default async function Forbidden() {
  const locale = negotiateLocale((await cookies()).get(LOCALE_COOKIE)?.value, (await headers()).get('accept-language'));
  return <AccessDenied t={translator(locale)} />;
}

import type { Metadata } from 'next';
import { userForPage } from '@/lib/auth/guard';
import { can, CAPABILITIES, type Capability } from '@/lib/auth/permissions';
import type { SignedInUser } from '@/lib/auth/session';
import { namespaceKeys, type Locale, type MessageKey, type Translate } from '@/lib/i18n';
import { pageLocale, type LocaleParams } from '../../_shared/locale';
import { one, type SearchParams } from '../../_shared/search-params';

export const staffMetadata: Metadata = { robots: { index: false } };

const STAFF_ERRORS = namespaceKeys('staff', 'errors');

/**
 * A staff page's locale and caller (anonymous visitors go to sign-in, a role
 * without the capability gets the 403 page), and the refusal of a form posted
 * without JavaScript (`?errore=code`, see lib/staff/form-endpoint), translated.
 */
export async function staffPage(
  params: LocaleParams,
  capability: Capability,
  path: string,
  searchParams: SearchParams,
): Promise<{ locale: Locale; t: Translate; user: SignedInUser; isAdmin: boolean; formError: string | null }> {
  const { locale, t } = await pageLocale(params);
  const user = await userForPage(CAPABILITIES[capability], path);
  const code = one((await searchParams).errore);
  const formError = code && STAFF_ERRORS.has(code) ? t(`staff.errors.${code}` as MessageKey) : null;
  return { locale, t, user, isAdmin: can(user, 'administer'), formError };
}

export { one, type SearchParams } from '../../_shared/search-params';

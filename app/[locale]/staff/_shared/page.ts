import type { Metadata } from 'next';
import { userForPage } from '@/lib/auth/guard';
import { can, CAPABILITIES, type Capability } from '@/lib/auth/permissions';
import type { SignedInUser } from '@/lib/auth/session';
import type { Locale, Translate } from '@/lib/i18n';
import { pageLocale, type LocaleParams } from '../../_shared/locale';

export const staffMetadata: Metadata = { robots: { index: false } };

/** A staff page's locale and caller: anonymous visitors go to sign-in, a role without the capability gets user null. */
export async function staffPage(params: LocaleParams, capability: Capability, path: string): Promise<{ locale: Locale; t: Translate; user: SignedInUser | null; isAdmin: boolean }> {
  const { locale, t } = await pageLocale(params);
  const user = await userForPage(CAPABILITIES[capability], path);
  return { locale, t, user, isAdmin: can(user, 'administer') };
}

/** A single value of a search parameter. */
export function one(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

export type SearchParams = Promise<Record<string, string | string[] | undefined>>;

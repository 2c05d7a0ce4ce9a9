import type { Metadata } from 'next';
import { SignInForm } from '@/components/auth/SignInForm';
import { oidcProviderName } from '@/lib/auth/options';
import { safeReturnPath } from '@/lib/auth/return-path';
import { translator } from '@/lib/i18n';
import { pageLocale, type LocaleParams } from '../_shared/locale';

export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export const metadata: Metadata = { title: translator('it')('auth.signInTitle'), robots: { index: false } };

function first(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

export default async function SignInPage({ params, searchParams }: { params: LocaleParams; searchParams: SearchParams }) {
  const { t } = await pageLocale(params);
  const query = await searchParams;
  const error = first(query.errore);
  const message = error === 'email' ? t('auth.errorEmail') : error === 'limit' ? t('auth.errorLimit', { minutes: Number(first(query.minuti)) || 60 }) : null;
  const oidcName = oidcProviderName();
  return (
    <div className="max-w-2xl">
      <h1 className="text-3xl font-bold">{t('auth.signInTitle')}</h1>
      <p className="mt-2">{t('auth.signInIntro')}</p>
      <SignInForm
        labels={{ email: t('auth.email'), send: t('auth.send'), sending: t('auth.sending'), oidc: oidcName ? t('auth.oidc', { name: oidcName }) : null }}
        email={first(query.email).slice(0, 320)}
        callbackUrl={safeReturnPath(query.da)}
        error={message}
      />
    </div>
  );
}

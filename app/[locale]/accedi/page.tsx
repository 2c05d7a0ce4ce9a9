import { SignInForm } from '@/components/auth/SignInForm';
import { config } from '@/lib/config';
import { safeReturnPath } from '@/lib/web/return-path';
import { pageLocale, type LocaleParams, titled } from '../_shared/locale';
import { one, type SearchParams } from '../_shared/search-params';

export const generateMetadata = titled('auth.signInTitle', { robots: { index: false } });

export const dynamic = 'force-dynamic';

export default async function SignInPage({ params, searchParams }: { params: LocaleParams; searchParams: SearchParams }) {
  const { t } = await pageLocale(params);
  const query = await searchParams;
  const error = one(query.errore) ?? '';
  const message = error === 'email' ? t('auth.errorEmail') : error === 'limit' ? t('auth.errorLimit', { minutes: Number(one(query.minuti)) || 60 }) : null;
  const oidcName = config().auth.oidc?.name ?? null;
  return (
    <div className="max-w-2xl">
      <h1 className="text-3xl font-bold">{t('auth.signInTitle')}</h1>
      <p className="mt-2">{t('auth.signInIntro')}</p>
      <SignInForm
        labels={{
          email: t('auth.email'),
          errorsTitle: t('auth.errorsTitle'),
          send: t('auth.send'),
          sending: t('auth.sending'),
          oidc: oidcName ? t('auth.oidc', { name: oidcName }) : null,
        }}
        email={(one(query.email) ?? '').slice(0, 320)}
        callbackUrl={safeReturnPath(query.da, '/area')}
        error={message}
      />
    </div>
  );
}

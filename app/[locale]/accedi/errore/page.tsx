import Link from 'next/link';
import { pageLocale, type LocaleParams, titled } from '../../_shared/locale';

export const generateMetadata = titled('auth.errorTitle', { robots: { index: false } });

export const dynamic = 'force-dynamic';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SignInErrorPage({ params, searchParams }: { params: LocaleParams; searchParams: SearchParams }) {
  const { t } = await pageLocale(params);
  const { error } = await searchParams;
  const text =
    error === 'Verification'
      ? t('auth.errorVerification')
      : error === 'AccessDenied'
        ? t('auth.errorAccessDenied')
        : error === 'EmailNotVerified'
          ? t('auth.errorEmailNotVerified')
          : t('auth.errorDefault');
  return (
    <div className="max-w-2xl">
      <h1 className="text-3xl font-bold">{t('auth.errorTitle')}</h1>
      <p className="mt-2" role="alert">
        {text}
      </p>
      <p className="mt-4">
        <Link href="/accedi">{t('auth.newLink')}</Link>
      </p>
    </div>
  );
}

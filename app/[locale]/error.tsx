'use client';

import { useParams } from 'next/navigation';
import { translator } from '@/lib/i18n';

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  const { locale } = useParams<{ locale?: string }>();
  const t = translator(locale === 'en' ? 'en' : 'it');
  return (
    <div className="mx-auto max-w-2xl py-10" role="alert">
      <h1 className="text-3xl font-bold">{t('errors.errorTitle')}</h1>
      <p className="mt-3">{t('errors.errorText')}</p>
      <button type="button" onClick={reset} className="mt-6 rounded bg-teal-800 px-4 py-2 font-semibold text-white">
        {t('errors.retry')}
      </button>
    </div>
  );
}

'use client';

import { useTranslations } from 'next-intl';

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  const t = useTranslations('errors');
  return (
    <div className="mx-auto max-w-2xl py-10" role="alert">
      <title>{`${t('errorTitle')} · VociComuni`}</title>
      <h1 className="text-3xl font-bold">{t('errorTitle')}</h1>
      <p className="mt-3">{t('errorText')}</p>
      <button type="button" onClick={reset} className="mt-6 rounded bg-primary px-4 py-2 font-semibold text-white">
        {t('retry')}
      </button>
    </div>
  );
}
